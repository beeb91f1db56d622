import { describeToolCases, useToolSuite } from './tool-cases/suite.js';
import { INSIGHTS_SEARCH_CASES } from './tool-cases/insights-search.js';

const t = useToolSuite();
describeToolCases({
  t,
  title: 'insights and search tools through a real MCP client against the sandbox',
  cases: INSIGHTS_SEARCH_CASES,
});
