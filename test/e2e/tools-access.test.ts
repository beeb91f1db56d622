import { ACCESS_CASES } from './tool-cases/access.js';
import { describeToolCases, useToolSuite } from './tool-cases/suite.js';

const t = useToolSuite();
describeToolCases({
  t,
  title: 'access tools through a real MCP client against the sandbox',
  cases: ACCESS_CASES,
});
