/** Every area's end-to-end cases, for the check that each listed tool has exactly one. */
import { ACCESS_CASES } from './access.js';
import { CATALOG_CASES } from './catalog.js';
import { DEVICE_CASES } from './devices.js';
import { GROUP_CASES } from './groups.js';
import { INSIGHTS_SEARCH_CASES } from './insights-search.js';
import type { ToolCases } from './suite.js';
import { USER_CASES } from './users.js';

export const CASES_BY_AREA: Record<string, ToolCases> = {
  users: USER_CASES,
  devices: DEVICE_CASES,
  groups: GROUP_CASES,
  catalog: CATALOG_CASES,
  'insights-search': INSIGHTS_SEARCH_CASES,
  access: ACCESS_CASES,
};
