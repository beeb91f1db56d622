/**
 * A page of every read-only list tool, called through its handler on a sandbox: what the result
 * renderers are held to, alongside random data.
 */
import { tools } from '../../generated/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { sandboxDeps } from '../handlers/sandbox-deps.js';

type Tool = (typeof tools)[number];

/** Every read-only tool that takes a `limit`, with its name (for `it.each`). */
export const LIST_TOOLS: readonly (readonly [string, Tool])[] = tools
  .filter((t) => t.annotations.readOnlyHint && 'limit' in (t.inputSchema.properties ?? {}))
  .map((t) => [t.name, t] as const);

/** What `tool` answers for a page of `limit` in the sandbox's first organization. */
export async function listToolPage(sandbox: Sandbox, tool: Tool, limit: number): Promise<unknown> {
  const org = sandbox.org(sandbox.orgIds[0]!)!;
  const ids: Record<string, string> = {
    user_group: org.userGroups[0]!.id,
    device_group: org.systemGroups[0]!.id,
    command: org.commands[0]!._id,
    application: org.applications[0]!._id,
  };
  const args: Record<string, unknown> = { limit };
  if (tool.name === 'di_events_get') Object.assign(args, { service: ['all'], start_time: '30d' });
  if (tool.target) args[tool.target.idArg] = ids[tool.target.kind];
  return tool.handler(tool.input.parse(args), sandboxDeps(sandbox));
}
