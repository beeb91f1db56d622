/** generate({ specs, manifestText }) -> Map<path under generated/, text>. Pure apart from formatting. */
import { format, type Options } from 'prettier';
import { emitTool, toolExportName, toolFilePath } from './emit-tool.js';
import { emitIndex, emitOpenApiTypes, emitUpstream } from './emit-upstream.js';
import { emitToolsDoc } from './emit-tools-doc.js';
import { JUMPCLOUD_KINDS } from '../src/jumpcloud/kinds.js';
import type { ObjectKind } from '../src/safety/object-kinds.js';
import { handlerProblem, type HandlerExports } from './handler-exports.js';
import { ManifestError, parseManifest, type ManifestPath } from './manifest.js';
import { findOperation, type OperationRef, type ResolvedOperation } from './operation-object.js';
import type { OpenApiDoc } from './openapi-types.js';
import { pruneSpec } from './prune.js';
import { outputSchemaFor } from './response-object.js';
import { SPEC_IDS, type SpecId } from './spec-lock.js';
import { planTool, type ToolPlan } from './tool-object.js';

export interface GenerateInput {
  specs: Record<SpecId, OpenApiDoc>;
  manifestText: string;
  manifestFile?: string;
  /** The project's prettier configuration. */
  prettier?: Options;
  /** The project root relative to the output directory, for imports of src/ (default ".."). */
  projectRoot?: string;
  /** What the hand-written handler modules export; when given, `handler:` references are checked. */
  handlerExports?: HandlerExports;
}

export interface Plans {
  plans: ToolPlan[];
  selected: Record<SpecId, OperationRef[]>;
}

/** Validates the manifest against the specs and plans every tool; throws a ManifestError listing every problem. */
export function planTools({
  specs,
  manifestText,
  manifestFile,
  handlerExports,
}: GenerateInput): Plans {
  const { manifest, locate } = parseManifest(manifestText, manifestFile);
  const problems: string[] = [];
  const selected: Record<SpecId, OperationRef[]> = { v1: [], v2: [], insights: [] };
  const select = (op: OperationRef) => {
    if (!selected[op.spec].some((s) => s.method === op.method && s.path === op.path))
      selected[op.spec].push(op);
  };
  const firstLine = new Map<string, string>();
  const plans: ToolPlan[] = [];
  manifest.tools.forEach((tool, index) => {
    const report = (path: ManifestPath, message: string) =>
      problems.push(`${locate(path)}: tool ${tool.name}: ${message}`);
    const nameAt = locate(['tools', index, 'name']);
    const previous = firstLine.get(tool.name);
    if (previous)
      report(
        ['tools', index, 'name'],
        `the name is already used at ${previous}. Fix: rename one of them.`,
      );
    else firstLine.set(tool.name, nameAt);
    let operation: ResolvedOperation | undefined;
    if (tool.operation) {
      const found = findOperation({ specs, reference: tool.operation });
      if (typeof found === 'string') report(['tools', index, 'operation'], found);
      else operation = found;
    }
    for (const [i, use] of (tool.uses ?? []).entries()) {
      const found = findOperation({ specs, reference: use });
      if (typeof found === 'string') report(['tools', index, 'uses', i], found);
      else select(found);
    }
    const refs = [
      ['handler', tool.handler],
      ['bulk', tool.bulk?.via],
      ['preflight', tool.preflight],
    ] as const;
    for (const [key, ref] of refs) {
      if (!ref || !handlerExports) continue;
      const problem = handlerProblem(ref, handlerExports);
      if (problem) report(['tools', index, key, ...(key === 'bulk' ? ['via'] : [])], problem);
    }
    // A bulk tool's group_id lists the group's members: that read is part of the tool.
    const listing = tool.bulk ? groupMembersOperation(tool.bulk.group) : undefined;
    if (listing) {
      const found = findOperation({ specs, reference: listing });
      if (typeof found === 'string') report(['tools', index, 'bulk', 'group'], found);
      else select(found);
    }
    if (tool.operation && !operation) return;
    if (operation) select(operation);
    const doc = operation ? specs[operation.spec] : undefined;
    plans.push(planTool({ doc, operation, tool, index, report }));
  });
  if (problems.length > 0) throw new ManifestError(problems, manifestFile);
  return { plans, selected };
}

/** "v2 GET /usergroups/{group_id}/membership": how the kinds table lists a group's members. */
function groupMembersOperation(group: string): string | undefined {
  const members = (JUMPCLOUD_KINDS as Record<string, ObjectKind>)[group]?.members;
  return members ? `${members.spec} GET ${members.path}` : undefined;
}

export async function generate(input: GenerateInput): Promise<Map<string, string>> {
  const { plans, selected } = planTools(input);
  const files = new Map<string, string>();
  for (const id of SPEC_IDS) {
    files.set(
      `openapi/${id}.ts`,
      await emitOpenApiTypes(pruneSpec({ doc: input.specs[id], operations: selected[id] })),
    );
  }
  files.set('upstream.ts', emitUpstream({ specs: input.specs, projectRoot: input.projectRoot }));
  for (const plan of plans) {
    const outputSchema =
      // A tool with a `result:` sentence answers with it, not with the upstream body.
      plan.tool.output === 'auto' && plan.tool.result === undefined
        ? outputSchemaFor(plan.operation?.responseSchema)
        : undefined;
    files.set(
      toolFilePath(plan.tool.name),
      emitTool({ plan, outputSchema, projectRoot: input.projectRoot }),
    );
  }
  files.set(
    'index.ts',
    emitIndex({
      tools: plans.map((p) => ({
        name: p.tool.name,
        toolset: p.tool.toolset,
        exportName: toolExportName(p.tool.name),
        file: toolFilePath(p.tool.name),
      })),
      projectRoot: input.projectRoot,
    }),
  );
  files.set('TOOLS.md', emitToolsDoc(plans));
  const formatted = new Map<string, string>();
  for (const path of [...files.keys()].sort()) {
    formatted.set(
      path,
      await format(files.get(path)!, {
        ...input.prettier,
        parser: path.endsWith('.md') ? 'markdown' : 'typescript',
        filepath: path,
      }),
    );
  }
  return formatted;
}
