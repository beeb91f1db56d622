import { describeToolCases, useToolSuite } from './tool-cases/suite.js';
import { CATALOG_CASES } from './tool-cases/catalog.js';

const t = useToolSuite();
describeToolCases({
  t,
  title:
    'admin, application, command, policy and software tools through a real MCP client against the sandbox',
  cases: CATALOG_CASES,
});
