// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { UpstreamApi } from '../src/registry/types.js';
import type { paths as V1Paths } from './openapi/v1.js';
import type { paths as V2Paths } from './openapi/v2.js';
import type { paths as InsightsPaths } from './openapi/insights.js';

/** openapi-typescript `paths` of each spec, pruned to the operations the manifest uses. */
export type UpstreamPaths = {
  v1: V1Paths;
  v2: V2Paths;
  insights: InsightsPaths;
};

export type Upstream = UpstreamApi<UpstreamPaths>;

/** Each spec's server URL per region, from its `servers` marked `x-jc-region`. */
export const upstreamServers = {
  v1: {
    us: 'https://console.jumpcloud.com/api',
    eu: 'https://console.eu.jumpcloud.com/api',
    in: 'https://console.in.jumpcloud.com/api',
  },
  v2: {
    us: 'https://console.jumpcloud.com/api/v2',
    eu: 'https://console.eu.jumpcloud.com/api/v2',
    in: 'https://console.in.jumpcloud.com/api/v2',
  },
  insights: {
    us: 'https://api.jumpcloud.com/insights/directory/v1',
    eu: 'https://api.eu.jumpcloud.com/insights/directory/v1',
    in: 'https://api.in.jumpcloud.com/insights/directory/v1',
  },
} as const;
