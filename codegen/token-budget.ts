/** What tools/list costs a model: o200k tokens of each tool's listed definition. */
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { listedAnnotations } from '../src/registry/listing.js';
import type { ToolPlan } from './tool-object.js';

export interface TokenBudget {
  tools: number;
  /** name, description, inputSchema and annotations of every tool. */
  listed: number;
}

export function tokenBudget(plans: readonly ToolPlan[]): TokenBudget {
  let listed = 0;
  for (const { tool, inputSchema } of plans) {
    listed += encode(
      JSON.stringify({
        name: tool.name,
        description: tool.description.trim(),
        inputSchema,
        annotations: listedAnnotations(tool.annotations),
      }),
    ).length;
  }
  return { tools: plans.length, listed };
}
