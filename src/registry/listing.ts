/**
 * The annotations tools/list sends for a tool. The MCP spec gives each hint a default that applies
 * when it is absent: `readOnlyHint` false, `destructiveHint` true, `idempotentHint` false,
 * `openWorldHint` true. A hint that is not read-only, or that reaches the open world (every tool
 * here calls JumpCloud), is left to its default, which is also the cautious reading; a destructive or
 * idempotent hint is always written out, since clients show or act on them. About 8 tokens a tool.
 */
import type { ToolAnnotations } from './types.js';

export type ListedAnnotations = Pick<
  ToolAnnotations,
  'title' | 'destructiveHint' | 'idempotentHint'
> &
  Partial<Pick<ToolAnnotations, 'readOnlyHint' | 'openWorldHint'>>;

export function listedAnnotations(annotations: ToolAnnotations): ListedAnnotations {
  const { readOnlyHint, openWorldHint, ...always } = annotations;
  return {
    title: always.title,
    ...(readOnlyHint ? { readOnlyHint } : {}),
    destructiveHint: always.destructiveHint,
    idempotentHint: always.idempotentHint,
    ...(openWorldHint ? {} : { openWorldHint }),
  };
}
