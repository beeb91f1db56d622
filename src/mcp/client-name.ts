/** Well-known MCP clients, matched anywhere in a clientInfo name or an HTTP User-Agent. */
const KNOWN: readonly (readonly [RegExp, string])[] = [
  [/cursor/i, 'cursor'],
  // mcp-remote names the client it bridges ("claude-ai (via mcp-remote 0.1.29)"), so the client
  // wins; alone (its User-Agent) it is named for itself.
  [/claude|anthropic/i, 'claude'],
  [/visual studio code|vs ?code|copilot/i, 'vscode'],
  [/windsurf|codeium/i, 'windsurf'],
  [/inspector/i, 'inspector'],
  [/chatgpt|openai/i, 'chatgpt'],
  [/goose/i, 'goose'],
  [/\bzed\b/i, 'zed'],
  [/\bcline\b/i, 'cline'],
  [/continue\.dev|\bcontinue\b/i, 'continue'],
  [/gemini/i, 'gemini'],
  [/codex/i, 'codex'],
  [/jetbrains|intellij/i, 'jetbrains'],
  [/raycast/i, 'raycast'],
  [/roo-?code|\broo\b/i, 'roo'],
  [/\bkiro\b/i, 'kiro'],
  [/librechat/i, 'librechat'],
  [/\bn8n\b/i, 'n8n'],
  [/lm ?studio/i, 'lmstudio'],
  [/amazon ?q\b/i, 'amazonq'],
  [/postman/i, 'postman'],
  [/mcpjam/i, 'mcpjam'],
  [/mcp-remote/i, 'mcp-remote'],
];

/** HTTP libraries and browsers: they say nothing about which MCP client is calling. */
const GENERIC = new Set([
  'node',
  'undici',
  'node-fetch',
  'axios',
  'got',
  'python-httpx',
  'python-requests',
  'python-urllib',
  'aiohttp',
  'go-http-client',
  'curl',
  'wget',
  'okhttp',
  'java',
  'mozilla',
  'bun',
  'deno',
  'dart',
  'reqwest',
  'ruby',
  'apache-httpclient',
]);

const MAX = 24;

/** A short, lowercase, `[a-z0-9-]` client name, or undefined when nothing usable is there. */
export function normalizeClientName(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  for (const [pattern, name] of KNOWN) if (pattern.test(raw)) return name;
  const product = raw.trim().split(/[\s/;(]/)[0] ?? '';
  const slug = product
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX)
    .replace(/-+$/, '');
  return slug && !GENERIC.has(slug) ? slug : undefined;
}

/** The session's clientInfo name when there is one, else the HTTP User-Agent, else `unknown`. */
export function resolveClientName({
  clientInfoName,
  userAgent,
}: {
  clientInfoName?: string;
  userAgent?: string;
}): string {
  return normalizeClientName(clientInfoName) ?? normalizeClientName(userAgent) ?? 'unknown';
}
