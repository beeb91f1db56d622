/** The source of one generated tool module: static data, a zod validator and a thin typed handler. */
import { jsonSchemaToZod } from 'json-schema-to-zod';
import { BANNER } from './banner.js';
import { BULK_GROUP_ARG, BULK_IDS_ARG } from './manifest.js';
import type { ArgBinding, ToolPlan } from './tool-object.js';
import type { JsonObject } from './openapi-types.js';

/** `user_get` -> `userGetTool` (the suffix keeps tool exports apart from handler exports). */
export function toolExportName(name: string): string {
  return `${name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())}Tool`;
}

export function toolFilePath(name: string): string {
  return `tools/${name.replace(/_/g, '-')}.ts`;
}

const lit = (value: unknown) => JSON.stringify(value);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const key = (name: string) => (IDENTIFIER.test(name) ? name : lit(name));
const argRef = (name: string) => (IDENTIFIER.test(name) ? `args.${name}` : `args[${lit(name)}]`);

export function emitTool({
  plan,
  outputSchema,
  projectRoot = '..',
}: {
  plan: ToolPlan;
  outputSchema?: JsonObject;
  /** The project root relative to the output directory (tool modules sit one level deeper). */
  projectRoot?: string;
}): string {
  const { tool } = plan;
  const root = `../${projectRoot}`;
  const exportName = toolExportName(tool.name);
  const imports = [
    "import { z } from 'zod';",
    `import type { ToolDefinition } from '${root}/src/registry/types.js';`,
    "import type { Upstream } from '../upstream.js';",
  ];
  // Hand-written exports, one import line per module.
  const fromSrc = new Map<string, Set<string>>();
  const importRef = (ref: string): string => {
    const [file, fn] = ref.split('#') as [string, string];
    const module = `${root}/${file.replace(/\.ts$/, '.js')}`;
    fromSrc.set(module, (fromSrc.get(module) ?? new Set()).add(fn));
    return fn;
  };
  let handler: string;
  if (tool.handler) {
    handler = `(args, deps) => ${importRef(tool.handler)}(args, deps)`;
  } else {
    const call = emitCall(plan);
    if (call.helpers.length > 0) {
      imports.push(
        `import { ${call.helpers.join(', ')} } from '${root}/src/upstream/request-helpers.js';`,
      );
    }
    imports.push(`import { unwrap } from '${root}/src/upstream/unwrap.js';`);
    // The api is bound to the call's cancellation: a request needs no signal of its own.
    handler = `async (${call.usesArgs ? 'args' : '_args'}, { api }) => unwrap(await ${call.expression})`;
  }
  let bulk: string | undefined;
  if (tool.bulk && tool.target) {
    // The tool's own handler acts on one id; sets go to `via` or to that handler once per id.
    imports.push(`import { bulkHandler } from '${root}/src/bulk/bulk-handler.js';`);
    const via = tool.bulk.via ? `, many: ${importRef(tool.bulk.via)}` : '';
    const types = `Args, Upstream, ${lit(tool.target.idArg)}`;
    handler = `bulkHandler<${types}>({ idArg: ${lit(tool.target.idArg)}, idsArg: ${lit(BULK_IDS_ARG)}, kind: ${lit(tool.target.kind)}, one: ${handler}${via} })`;
    bulk = lit({ ids: BULK_IDS_ARG, group: BULK_GROUP_ARG, groupKind: tool.bulk.group });
  }
  const preflight = tool.preflight ? importRef(tool.preflight) : undefined;
  for (const [module, names] of fromSrc) {
    imports.push(`import { ${[...names].sort().join(', ')} } from '${module}';`);
  }
  // tools/list leaves `additionalProperties: false` out (tokens); the validator still refuses unknown arguments.
  const zod = jsonSchemaToZod(
    { ...plan.inputSchema, additionalProperties: false },
    { module: 'none', withoutDescribes: true },
  );
  // Tolerant reading of the shapes JumpCloud's own clients send; the listed schema stays as it is.
  const required = new Set((plan.inputSchema.required as string[] | undefined) ?? []);
  const shapes = Object.fromEntries(
    Object.entries((plan.inputSchema.properties ?? {}) as Record<string, { type?: string }>).map(
      ([name, schema]) => [
        name,
        required.has(name)
          ? { type: schema.type ?? 'string', required: true }
          : { type: schema.type ?? 'string' },
      ],
    ),
  );
  imports.push(`import { tolerantArgs } from '${root}/src/mcp/tolerant-args.js';`);
  const fields = [
    `name: ${lit(tool.name)}`,
    `description: ${lit(tool.description.trim())}`,
    `toolset: ${lit(tool.toolset)}`,
    `annotations: ${lit(tool.annotations)}`,
    ...(tool.target ? [`target: ${lit(tool.target)}`] : []),
    ...(tool.effect ? [`effect: ${lit(tool.effect)}`] : []),
    ...(bulk ? [`bulk: ${bulk}`] : []),
    ...(preflight ? [`preflight: ${preflight}`] : []),
    ...(tool.result ? [`result: ${lit(tool.result)}`] : []),
    `inputSchema: ${lit(plan.inputSchema)}`,
    ...(outputSchema ? [`outputSchema: ${lit(outputSchema)}`] : []),
    'get input() {\n    return (input ??= buildInput());\n  }',
    `handler: ${handler}`,
  ];
  return [
    BANNER,
    imports.sort().join('\n'),
    '',
    '// Built on the first call: tools/list sends the static inputSchema, so a start builds no validator.',
    `const buildInput = () => z.preprocess(tolerantArgs(${lit(shapes)}), ${zod});`,
    'type Args = z.infer<ReturnType<typeof buildInput>>;',
    'let input: ReturnType<typeof buildInput> | undefined;',
    '',
    `export const ${exportName}: ToolDefinition<Args, Upstream> = {`,
    fields.map((f) => `  ${f},`).join('\n'),
    '};',
    '',
  ].join('\n');
}

interface Tree {
  [key: string]: string | Tree;
}

function setIn({ tree, path, value }: { tree: Tree; path: string[]; value: string }): void {
  let node = tree;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Tree;
  node[path[path.length - 1]!] = value;
}

function emitTree(tree: Tree): string {
  const entries = Object.entries(tree).map(
    ([k, v]) => `${key(k)}: ${typeof v === 'string' ? v : emitTree(v)}`,
  );
  return `{ ${entries.join(', ')} }`;
}

function emitCall(plan: ToolPlan): { expression: string; helpers: string[]; usesArgs: boolean } {
  const op = plan.operation!;
  const helpers = new Set<string>();
  const path: Tree = {};
  const query: Tree = {};
  const body: Tree = {};
  for (const [k, v] of Object.entries(plan.tool.fixed?.query ?? {})) query[k] = lit(v);
  for (const [k, v] of Object.entries(plan.tool.fixed?.body ?? {})) body[k] = lit(v);
  const filters: Extract<ArgBinding, { to: 'filter' }>[] = [];
  for (const b of plan.bindings) {
    const value = argRef(b.arg);
    if (b.to === 'path') path[b.name] = value;
    else if (b.to === 'query') query[b.name] = value;
    else if (b.to === 'body') setIn({ tree: body, path: b.path, value });
    else if (b.to === 'filter') filters.push(b);
    else if (b.to === 'search') {
      helpers.add('v1SearchFilter');
      body.searchFilter = `v1SearchFilter(${value}, ${lit(b.fields)})`;
    }
  }
  if (filters.length > 0) {
    const helper = filters[0]!.syntax === 'v1' ? 'v1Filter' : 'v2Filter';
    helpers.add(helper);
    const clauses = filters.map(
      (f) => `{ field: ${lit(f.field)}, op: ${lit(f.op)}, value: ${argRef(f.arg)} }`,
    );
    query.filter = `${helper}([${clauses.join(', ')}])`;
  }
  const params: Tree = {};
  if (Object.keys(path).length > 0) params.path = path;
  if (Object.keys(query).length > 0) params.query = query;
  const init: string[] = [];
  if (Object.keys(params).length > 0) init.push(`params: ${emitTree(params)}`);
  if (Object.keys(body).length > 0) init.push(`body: ${emitTree(body)}`);
  else if (op.bodyRequired) init.push('body: {}');
  const options = init.length > 0 ? `, { ${init.join(', ')} }` : '';
  const expression = `api.${op.spec}.${op.method.toUpperCase()}(${lit(op.path)}${options})`;
  return { expression, helpers: [...helpers].sort(), usesArgs: plan.bindings.length > 0 };
}
