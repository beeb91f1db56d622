/** Ready-to-paste client configurations for a running server. */
export interface ClientConfigInput {
  /** The MCP endpoint, e.g. http://127.0.0.1:8080/v1 */
  url: string;
  apiKey: string;
  /** Server name used in the client's configuration. */
  name?: string;
}

/** Claude Code, Cursor and VS Code configuration snippets, as printable text. */
export function renderClientConfigs({
  url,
  apiKey,
  name = 'jumpcloud',
}: ClientConfigInput): string {
  const authorization = `Bearer ${apiKey}`;
  const cursor = { mcpServers: { [name]: { url, headers: { Authorization: authorization } } } };
  const vscode = {
    servers: { [name]: { type: 'http', url, headers: { Authorization: authorization } } },
  };
  const claudeDesktop = {
    mcpServers: {
      [name]: {
        command: 'npx',
        args: ['-y', 'mcp-remote', url, '--header', `Authorization:${authorization}`],
      },
    },
  };
  return [
    'Claude Code:',
    `  claude mcp add --transport http ${name} ${url} --header "Authorization: ${authorization}"`,
    '',
    'Claude Desktop (claude_desktop_config.json, through mcp-remote):',
    JSON.stringify(claudeDesktop, null, 2),
    '',
    'Cursor (~/.cursor/mcp.json):',
    JSON.stringify(cursor, null, 2),
    '',
    'VS Code (.vscode/mcp.json):',
    JSON.stringify(vscode, null, 2),
  ].join('\n');
}
