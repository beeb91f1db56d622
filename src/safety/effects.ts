/**
 * What a mutating tool does to its object, in words a person can confirm: the tool's own `effect`
 * (from the manifest; codegen requires it for destructive tools), or else its title and the first
 * sentence of its description.
 */
import type { ToolDefinition, ToolEffect } from '../registry/types.js';

export type { ToolEffect };

function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/s.exec(text.trim());
  return (match?.[1] ?? text.trim()).replace(/\s+/g, ' ');
}

export function toolEffect(tool: ToolDefinition): ToolEffect {
  return (
    tool.effect ?? {
      verb: `Run ${tool.name} (${tool.annotations.title}) on`,
      change: firstSentence(tool.description),
    }
  );
}
