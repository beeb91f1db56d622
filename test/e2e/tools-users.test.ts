import { describeToolCases, useToolSuite } from './tool-cases/suite.js';
import { USER_CASES } from './tool-cases/users.js';

const t = useToolSuite();
describeToolCases({
  t,
  title: 'user tools through a real MCP client against the sandbox',
  cases: USER_CASES,
});
