/**
 * tools.manifest.yaml: the curated tool surface. Parsed with source positions so that every error,
 * here or later in codegen, names the manifest line and says how to fix it.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { z } from 'zod';
import { JUMPCLOUD_KIND_NAMES, JUMPCLOUD_KINDS } from '../src/jumpcloud/kinds.js';
import type { ObjectKind } from '../src/safety/object-kinds.js';

const argSchema = z
  .object({
    from: z
      .string()
      .regex(
        /^(path|query|body)\.[A-Za-z0-9_.[\]-]+$/,
        'write it as path.<name>, query.<name> or body.<property>',
      )
      .optional(),
    filter: z
      .object({
        field: z.string().min(1),
        op: z.enum([
          ...['eq', 'ne', 'search', 'in'],
          ...['$eq', '$ne', '$in', '$nin', '$lt', '$lte', '$gt', '$gte', '$sw'],
        ] as [string, ...string[]]),
      })
      .strict()
      .optional(),
    searchFields: z.array(z.string().min(1)).min(1).optional(),
    type: z.enum(['string', 'integer', 'number', 'boolean', 'array']).optional(),
    items: z.record(z.unknown()).optional(),
    description: z.string().min(1).optional(),
    default: z.union([z.string(), z.number(), z.boolean()]).optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    enum: z
      .array(z.union([z.string(), z.number()]))
      .min(1)
      .optional(),
    format: z.string().optional(),
    pattern: z.string().optional(),
    required: z.boolean().optional(),
  })
  .strict();

const annotationsSchema = z
  .object({
    title: z.string().min(1),
    readOnlyHint: z.boolean(),
    destructiveHint: z.boolean(),
    idempotentHint: z.boolean(),
    openWorldHint: z.boolean(),
  })
  .strict();

/** What a mutating tool does, for confirmations: "Erase" + the object, then what changes. */
const effectSchema = z
  .object({
    verb: z.string().trim().min(1, 'write the verb phrase placed before the object ("Erase")'),
    change: z.string().trim().min(1, 'write what changes, as a sentence'),
    /** Per member argument, what it does to the objects it lists ("gain direct access to it"). */
    members: z.record(z.string().trim().min(1)).optional(),
  })
  .strict();

const handlerRef = z
  .string()
  .regex(
    /^src\/handlers\/[a-z0-9-]+\.ts#[A-Za-z_$][\w$]*$/,
    'write src/handlers/<file>.ts#<export>',
  );

/**
 * A tool on one user or device that also acts on several: codegen adds `ids` (a list) and
 * `group_id` (every member of a group of kind `group`) beside its id argument. `via` handles a
 * whole set at once (JumpCloud's bulk endpoints); without it each id is sent on its own.
 */
const bulkSchema = z
  .object({
    group: z.enum(JUMPCLOUD_KIND_NAMES),
    via: handlerRef.optional(),
  })
  .strict();

const toolSchema = z
  .object({
    name: z
      .string()
      .max(64, 'a tool name has at most 64 characters')
      .regex(/^[a-z0-9_]+$/, 'a tool name uses only a-z, 0-9 and _'),
    toolset: z
      .string()
      .regex(
        /^[a-z][a-z0-9_]*$/,
        'a toolset name uses only a-z, 0-9 and _, starting with a letter',
      ),
    description: z.string().trim().min(1, 'write a description for the model'),
    annotations: annotationsSchema,
    operation: z
      .string()
      .regex(
        /^(v1|v2|insights) (([A-Z]+ \/\S*)|[A-Za-z0-9_.-]+)$/,
        'write "<spec> <METHOD> <path>" (v1 GET /systemusers/{id}) or "<spec> <operationId>"',
      )
      .optional(),
    handler: handlerRef.optional(),
    uses: z
      .array(z.string().regex(/^(v1|v2|insights) [A-Z]+ \/\S*$/, 'write "<spec> <METHOD> <path>"'))
      .optional(),
    target: z
      .object({
        kind: z.enum(JUMPCLOUD_KIND_NAMES),
        idArg: z.string().min(1),
        /** Member argument -> the kind of object it lists (`{ add: user, remove: user }`). */
        members: z
          .record(z.enum(JUMPCLOUD_KIND_NAMES))
          .refine((m) => Object.keys(m).length > 0, 'name at least one member argument')
          .optional(),
      })
      .strict()
      .optional(),
    effect: effectSchema.optional(),
    bulk: bulkSchema.optional(),
    /** Checks run before a confirmation is issued, on the looked-up objects (a Mac needs a PIN). */
    preflight: handlerRef.optional(),
    args: z.record(argSchema).default({}),
    fixed: z
      .object({ query: z.record(z.unknown()).optional(), body: z.record(z.unknown()).optional() })
      .strict()
      .optional(),
    output: z.enum(['auto', 'none']).default('auto'),
    /**
     * What a changing tool's result says happened, for the model to report: `{args.<name>}` and
     * `{data.<path>}` (the upstream answer) are filled in; a `[...]` part is left out when a value
     * in it is unknown. See src/mcp/result-template.ts.
     */
    result: z.string().trim().min(1).optional(),
  })
  .strict();

/** Top-level keys other than `tools` must start with `x-` (YAML anchors for shared values live there). */
const manifestSchema = z
  .object({ tools: z.array(toolSchema).min(1) })
  .catchall(z.unknown())
  .superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
      if (key !== 'tools' && !key.startsWith('x-')) {
        ctx.addIssue({ code: z.ZodIssueCode.unrecognized_keys, keys: [key], path: [] });
      }
    }
  });

export type ManifestArg = z.infer<typeof argSchema>;
export type ManifestTool = z.infer<typeof toolSchema>;
export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestPath = (string | number)[];

export interface ParsedManifest {
  manifest: Manifest;
  /** "file:line:col" of the node at this path (or of its nearest existing parent). */
  locate(path: ManifestPath): string;
}

export class ManifestError extends Error {
  constructor(
    readonly problems: string[],
    file = 'tools.manifest.yaml',
  ) {
    super(
      `${file} has ${problems.length} problem(s):\n${problems.map((p) => `- ${p}`).join('\n')}`,
    );
    this.name = 'ManifestError';
  }
}

const FIXES: Record<string, string> = {
  description: 'add `description:` with what the tool does, when to use it and what it returns',
  annotations:
    'add `annotations:` with title, readOnlyHint, destructiveHint, idempotentHint and openWorldHint',
  readOnlyHint: 'add `readOnlyHint: true|false` under annotations',
  destructiveHint: 'add `destructiveHint: true|false` under annotations',
  idempotentHint: 'add `idempotentHint: true|false` under annotations',
  openWorldHint: 'add `openWorldHint: true|false` under annotations',
  title: 'add `title:` under annotations (a short human-readable name)',
  toolset: 'add `toolset:` (the toolset it is enabled with, e.g. users)',
  verb: 'add `verb:` under effect (the verb phrase placed before the object, e.g. "Erase")',
  change: 'add `change:` under effect (what changes, as a sentence)',
  name: 'add `name:` ([a-z0-9_], at most 64 characters)',
};

function fixFor(issue: z.ZodIssue): string {
  const key = issue.path[issue.path.length - 1];
  if (issue.code === 'invalid_type' && issue.received === 'undefined' && typeof key === 'string') {
    return FIXES[key] ?? `add \`${key}:\``;
  }
  if (issue.code === 'unrecognized_keys')
    return `remove or correct ${issue.keys.map((k) => `\`${k}\``).join(', ')}`;
  if (issue.code === 'invalid_enum_value') return `use one of ${issue.options.join(', ')}`;
  return 'correct the value';
}

export function parseManifest(text: string, file = 'tools.manifest.yaml'): ParsedManifest {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, merge: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    throw new ManifestError(
      doc.errors.map((e) => `${at(e.pos[0])}: ${e.message.split('\n')[0]}`),
      file,
    );
  }
  const locate = (path: ManifestPath): string => {
    let node: Node | null = doc.contents;
    for (const key of path) {
      const next: unknown = isMap(node) || isSeq(node) ? node.get(key, true) : undefined;
      if (!next || !(isMap(next) || isSeq(next) || isScalar(next))) break;
      node = next;
    }
    return at(node?.range?.[0] ?? 0);
  };
  const result = manifestSchema.safeParse(doc.toJS());
  if (!result.success) {
    throw new ManifestError(
      result.error.issues.map((issue) => {
        const where = locate(issue.path);
        return `${where}: ${describePath(issue.path)}: ${issue.message}. Fix: ${fixFor(issue)}.`;
      }),
      file,
    );
  }
  const problems: string[] = [];
  result.data.tools.forEach((tool, i) => {
    if (Boolean(tool.operation) === Boolean(tool.handler)) {
      problems.push(
        `${locate(['tools', i])}: tool ${tool.name}: give exactly one of \`operation:\` (one REST call) or \`handler:\` (src/handlers/<file>.ts#<export>).`,
      );
    }
    if (tool.target && !(tool.target.idArg in tool.args)) {
      problems.push(
        `${locate(['tools', i, 'target', 'idArg'])}: tool ${tool.name}: target.idArg "${tool.target.idArg}" is not one of its args. Fix: name an argument from \`args:\`.`,
      );
    }
    if (tool.annotations.destructiveHint && !tool.effect) {
      problems.push(
        `${locate(['tools', i, 'annotations'])}: tool ${tool.name}: a destructive tool needs \`effect:\`, the words a person confirms. Fix: add \`effect: { verb: <"Erase">, change: <what changes, as a sentence> }\`.`,
      );
    }
    if (tool.annotations.readOnlyHint && tool.effect) {
      problems.push(
        `${locate(['tools', i, 'effect'])}: tool ${tool.name}: a read-only tool changes nothing, so it has no \`effect:\`. Fix: remove it, or set readOnlyHint: false.`,
      );
    }
    problems.push(...bulkProblems(tool, (path) => locate(['tools', i, ...path])));
    if (tool.preflight && tool.annotations.readOnlyHint) {
      problems.push(
        `${locate(['tools', i, 'preflight'])}: tool ${tool.name}: a read-only tool is never confirmed, so it has no \`preflight:\`. Fix: remove it.`,
      );
    }
    for (const arg of Object.keys(tool.target?.members ?? {})) {
      if (!(arg in tool.args)) {
        problems.push(
          `${locate(['tools', i, 'target', 'members', arg])}: tool ${tool.name}: target.members "${arg}" is not one of its args. Fix: name an argument from \`args:\`.`,
        );
      }
    }
    for (const arg of Object.keys(tool.effect?.members ?? {})) {
      if (!(arg in (tool.target?.members ?? {}))) {
        problems.push(
          `${locate(['tools', i, 'effect', 'members', arg])}: tool ${tool.name}: effect.members "${arg}" is not a member argument. Fix: name one of \`target.members\`.`,
        );
      }
    }
  });
  if (problems.length > 0) throw new ManifestError(problems, file);
  return { manifest: result.data, locate };
}

/** The arguments codegen adds to a tool with `bulk:`. */
export const BULK_IDS_ARG = 'ids';
export const BULK_GROUP_ARG = 'group_id';

/** What is wrong with a tool's `bulk:` entry: it must act on one object of the kind its group holds. */
function bulkProblems(tool: ManifestTool, locate: (path: ManifestPath) => string): string[] {
  const { bulk } = tool;
  if (!bulk) return [];
  const at = (path: ManifestPath, text: string) =>
    `${locate(['bulk', ...path])}: tool ${tool.name}: ${text}`;
  const problems: string[] = [];
  if (tool.annotations.readOnlyHint) {
    problems.push(
      at([], 'a read-only tool acts on nothing, so it has no `bulk:`. Fix: remove it.'),
    );
  }
  if (!tool.target || tool.target.members) {
    problems.push(
      at(
        [],
        '`bulk:` needs `target: { kind, idArg }` naming the one object the tool acts on, without `members:`. Fix: add the target, or remove `bulk:`.',
      ),
    );
  }
  for (const arg of [BULK_IDS_ARG, BULK_GROUP_ARG]) {
    if (arg in tool.args) {
      problems.push(
        at(
          [],
          `\`bulk:\` adds the argument \`${arg}\`, which \`args:\` already has. Fix: rename or remove that argument.`,
        ),
      );
    }
  }
  const group: ObjectKind | undefined = (JUMPCLOUD_KINDS as Record<string, ObjectKind>)[bulk.group];
  const members = group?.members;
  if (!members) {
    const groups = Object.entries(JUMPCLOUD_KINDS as Record<string, ObjectKind>)
      .filter(([, kind]) => kind.members)
      .map(([name]) => name);
    problems.push(
      at(
        ['group'],
        `kind ${bulk.group} has no members to list (src/jumpcloud/kinds.ts). Fix: use one of ${groups.join(', ')}.`,
      ),
    );
  } else if (tool.target && members.kind !== tool.target.kind) {
    problems.push(
      at(
        ['group'],
        `a ${bulk.group} holds ${members.kind} objects, but the tool acts on ${tool.target.kind}. Fix: name a group of ${tool.target.kind} objects.`,
      ),
    );
  }
  return problems;
}

export function describePath(path: ManifestPath): string {
  return (
    path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') ||
    '(top level)'
  );
}
