/** generated/TOOLS.md: the tool list for people, grouped by toolset, from the same plans as the code. */
import { BANNER } from './banner.js';
import { byCodePoint } from './compare.js';
import type { ToolPlan } from './tool-object.js';

/** The banner as one Markdown comment. */
export const MARKDOWN_BANNER = `<!-- ${BANNER.trim()
  .split('\n')
  .map((line) => line.replace(/^\/\/ ?/, ''))
  .join(' ')} -->`;

export function emitToolsDoc(plans: readonly ToolPlan[]): string {
  const toolsets = [...new Set(plans.map((p) => p.tool.toolset))].sort(byCodePoint);
  const sections = toolsets.map((toolset) => {
    const lines = plans
      .filter((p) => p.tool.toolset === toolset)
      .sort((a, b) => byCodePoint(a.tool.name, b.tool.name))
      .map(({ tool, inputSchema }) => {
        const { readOnlyHint, destructiveHint } = tool.annotations;
        const kind = readOnlyHint ? 'read-only' : destructiveHint ? 'destructive' : 'write';
        const args = Object.keys((inputSchema.properties as Record<string, unknown>) ?? {})
          .filter((name) => name !== 'confirmation_token')
          .map((name) => `\`${name}\``);
        const argText = args.length > 0 ? ` Arguments: ${args.join(', ')}.` : '';
        return `- \`${tool.name}\` (${kind}): ${tool.description.trim().replace(/\s+/g, ' ')}${argText}`;
      });
    return [`## ${toolset}`, '', ...lines, ''].join('\n');
  });
  return [MARKDOWN_BANNER, '', '# Tools', '', ...sections].join('\n');
}
