import { describeToolCases, useToolSuite } from './tool-cases/suite.js';
import { GROUP_CASES } from './tool-cases/groups.js';

const t = useToolSuite();
describeToolCases({
  t,
  title: 'group tools through a real MCP client against the sandbox',
  cases: GROUP_CASES,
});
