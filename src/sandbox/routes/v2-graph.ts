/** V2 graph records (membership, traversal) in the documented shape. */
import type { JsonRecord } from '../types.js';

export type GraphType =
  'user' | 'system' | 'user_group' | 'system_group' | 'command' | 'application';

export interface GraphHop {
  from?: { id: string; type: GraphType };
  to: { id: string; type: GraphType };
}

export function graphRecord({
  id,
  type,
  paths,
}: {
  id: string;
  type: GraphType;
  paths: GraphHop[][];
}): JsonRecord {
  return {
    id,
    type,
    compiledAttributes: null,
    paths: paths.map((path) =>
      path.map((hop) => ({
        attributes: null,
        ...(hop.from ? { from: { attributes: null, ...hop.from } } : {}),
        to: { attributes: null, ...hop.to },
      })),
    ),
  };
}
