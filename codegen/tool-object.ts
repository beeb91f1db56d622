/**
 * Turns one manifest entry and its operation into a tool plan: the input JSON Schema tools/list
 * sends, and how each argument reaches the upstream request. Problems are reported, not thrown.
 */
import { BULK_GROUP_ARG, BULK_IDS_ARG } from './manifest.js';
import type { ManifestArg, ManifestPath, ManifestTool } from './manifest.js';
import { deref, propertyAt, type ResolvedOperation } from './operation-object.js';
import { isObject, type JsonObject, type OpenApiDoc } from './openapi-types.js';

export const CONFIRMATION_TOKEN_ARG = 'confirmation_token';
// What the token is for is said once, in the server's instructions, not in every tool.
const CONFIRMATION_TOKEN_SCHEMA = { type: 'string' };

/** Where one tool argument goes in the upstream request. */
export type ArgBinding =
  | { arg: string; to: 'path' | 'query'; name: string }
  | { arg: string; to: 'body'; path: string[] }
  | { arg: string; to: 'filter'; field: string; op: string; syntax: 'v1' | 'v2' }
  | { arg: string; to: 'search'; fields: string[] };

export interface ToolPlan {
  tool: ManifestTool;
  inputSchema: JsonObject & { type: 'object' };
  bindings: ArgBinding[];
  operation?: ResolvedOperation;
}

interface PlanContext {
  doc?: OpenApiDoc;
  operation?: ResolvedOperation;
  tool: ManifestTool;
  index: number;
  report(path: ManifestPath, message: string): void;
}

const SCHEMA_KEYS = [
  'type',
  'description',
  'enum',
  'items',
  'format',
  'pattern',
  'minimum',
  'maximum',
  'default',
] as const;

export function planTool(ctx: PlanContext): ToolPlan {
  const { tool } = ctx;
  const properties: Record<string, JsonObject> = {};
  const required: string[] = [];
  const bindings: ArgBinding[] = [];
  const claims = new Map<string, string>();
  const claim = (key: string, by: string, path: ManifestPath) => {
    const previous = claims.get(key);
    if (previous) {
      ctx.report(
        path,
        `${key} is claimed twice (by ${previous} and by ${by}). Fix: keep one of them.`,
      );
    }
    claims.set(key, by);
  };
  for (const key of Object.keys(tool.fixed?.query ?? {})) {
    const at: ManifestPath = ['tools', ctx.index, 'fixed', 'query', key];
    if (
      ctx.operation &&
      !ctx.operation.parameters.some((p) => p.in === 'query' && p.name === key)
    ) {
      ctx.report(
        at,
        `fixed.query.${key}: ${describeOp(ctx.operation)} has no query parameter ${key}. Fix: correct or remove it.`,
      );
    }
    claim(`query.${key}`, `fixed.query.${key}`, at);
  }
  for (const key of Object.keys(tool.fixed?.body ?? {})) {
    const at: ManifestPath = ['tools', ctx.index, 'fixed', 'body', key];
    if (
      ctx.operation &&
      ctx.doc &&
      !propertyAt({ doc: ctx.doc, schema: ctx.operation.bodySchema, path: [key] })
    ) {
      ctx.report(
        at,
        `fixed.body.${key}: the request body of ${describeOp(ctx.operation)} has no property ${key}. Fix: correct or remove it.`,
      );
    }
    claim(`body.${key}`, `fixed.body.${key}`, at);
  }
  for (const [name, arg] of Object.entries(tool.args)) {
    const at: ManifestPath = ['tools', ctx.index, 'args', name];
    if (name === CONFIRMATION_TOKEN_ARG) {
      ctx.report(
        at,
        `${name} is added by codegen to destructive tools. Fix: remove this argument.`,
      );
      continue;
    }
    const bound = ctx.operation ? bindArg({ ctx, name, arg, at }) : undefined;
    if (ctx.operation && !bound) continue;
    if (bound) {
      const key =
        bound.binding.to === 'filter' ? `filter.${bound.binding.field}` : bindingKey(bound.binding);
      claim(key, `args.${name}`, at);
      bindings.push(bound.binding);
    }
    const schema = argSchema({ ctx, arg, upstream: bound?.schema, at });
    properties[name] = schema;
    const upstreamRequired = bound?.required ?? false;
    if (arg.required ?? (upstreamRequired && arg.default === undefined)) required.push(name);
  }
  const direct = claims.get('query.filter');
  const filterArg = bindings.find((b) => b.to === 'filter');
  if (direct && filterArg) {
    ctx.report(
      ['tools', ctx.index, 'args', filterArg.arg],
      `query.filter is claimed twice (by ${direct} and by filter arguments). Fix: keep one of them.`,
    );
  }
  if (ctx.operation) checkUnbound({ ctx, claims });
  if (tool.bulk && tool.target) {
    // One object by its id argument, several by `ids`, or a group's members by `group_id`: the
    // safety layer asks for exactly one of them, so none is required here.
    const idArg = tool.target.idArg;
    properties[BULK_IDS_ARG] = { type: 'array', items: { type: 'string' } };
    properties[BULK_GROUP_ARG] = { type: 'string' };
    const at = required.indexOf(idArg);
    if (at >= 0) required.splice(at, 1);
  }
  // A bulk tool confirms a set of objects even when one object would not need it.
  if (tool.annotations.destructiveHint || tool.bulk)
    properties[CONFIRMATION_TOKEN_ARG] = { ...CONFIRMATION_TOKEN_SCHEMA };
  const inputSchema: JsonObject & { type: 'object' } = { type: 'object', properties };
  if (required.length > 0) inputSchema.required = required;
  return { tool, inputSchema, bindings, operation: ctx.operation };
}

function describeOp(op: ResolvedOperation): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}

function bindingKey(binding: ArgBinding): string {
  if (binding.to === 'path' || binding.to === 'query') return `${binding.to}.${binding.name}`;
  if (binding.to === 'body') return `body.${binding.path.join('.')}`;
  if (binding.to === 'search') return 'body.searchFilter';
  return 'query.filter';
}

function bindArg({
  ctx,
  name,
  arg,
  at,
}: {
  ctx: PlanContext;
  name: string;
  arg: ManifestArg;
  at: ManifestPath;
}) {
  const op = ctx.operation!;
  const doc = ctx.doc!;
  if (arg.filter) {
    const param = op.parameters.find((p) => p.in === 'query' && p.name === 'filter');
    if (!param) {
      ctx.report(
        at,
        `args.${name}.filter: ${op.method.toUpperCase()} ${op.path} takes no \`filter\` query parameter. Fix: remove \`filter:\`.`,
      );
      return undefined;
    }
    // V2 takes repeatable `filter=<field>:<op>:<value>` (an array); V1 one `<field>:$<op>:<value>`.
    const syntax = (param.schema as { type?: unknown } | undefined)?.type === 'array' ? 'v2' : 'v1';
    if (arg.filter.op.startsWith('$') !== (syntax === 'v1')) {
      ctx.report(
        at,
        `args.${name}.filter.op: ${op.method.toUpperCase()} ${op.path} takes ${syntax === 'v1' ? 'V1 operators ($eq, $ne, $in, $nin, $lt, $lte, $gt, $gte, $sw)' : 'V2 operators (eq, ne, search, in)'}. Fix: use one of them.`,
      );
      return undefined;
    }
    return {
      binding: { arg: name, to: 'filter', ...arg.filter, syntax } as ArgBinding,
      schema: undefined,
      required: false,
    };
  }
  if (arg.searchFields) {
    if (!propertyAt({ doc, schema: op.bodySchema, path: ['searchFilter'] })) {
      ctx.report(
        at,
        `args.${name}.searchFields: the request body has no \`searchFilter\`. Fix: remove \`searchFields:\`.`,
      );
      return undefined;
    }
    const binding: ArgBinding = { arg: name, to: 'search', fields: arg.searchFields };
    return { binding, schema: { type: 'string' } as JsonObject, required: false };
  }
  const from = arg.from ?? defaultFrom(op, name);
  if (!from) {
    const available = [
      ...op.parameters.map((p) => `${p.in}.${p.name}`),
      ...Object.keys(isObject(op.bodySchema?.properties) ? op.bodySchema.properties : {}).map(
        (p) => `body.${p}`,
      ),
    ];
    ctx.report(
      at,
      `args.${name} maps to nothing in ${op.method.toUpperCase()} ${op.path}. Fix: add \`from:\` with one of: ${available.join(', ') || '(none)'}.`,
    );
    return undefined;
  }
  const [where, ...rest] = from.split('.') as ['path' | 'query' | 'body', ...string[]];
  if (where === 'body') {
    const schema = propertyAt({ doc, schema: op.bodySchema, path: rest });
    if (!schema) {
      ctx.report(
        at,
        `args.${name}: the request body has no property ${rest.join('.')}. Fix: correct \`from:\`.`,
      );
      return undefined;
    }
    const parent = propertyAt({ doc, schema: op.bodySchema, path: rest.slice(0, -1) });
    const isRequired =
      Array.isArray(parent?.required) && parent.required.includes(rest[rest.length - 1]);
    return {
      binding: { arg: name, to: 'body', path: rest } as ArgBinding,
      schema,
      required: isRequired,
    };
  }
  const param = op.parameters.find((p) => p.in === where && p.name === rest.join('.'));
  if (!param) {
    ctx.report(
      at,
      `args.${name}: ${op.method.toUpperCase()} ${op.path} has no ${from} parameter. Fix: correct \`from:\`.`,
    );
    return undefined;
  }
  const binding: ArgBinding = { arg: name, to: where, name: param.name };
  return { binding, schema: param.schema, required: param.required === true || where === 'path' };
}

function defaultFrom(op: ResolvedOperation, name: string): string | undefined {
  for (const where of ['path', 'query'] as const) {
    if (op.parameters.some((p) => p.in === where && p.name === name)) return `${where}.${name}`;
  }
  const props = op.bodySchema?.properties;
  return isObject(props) && name in props ? `body.${name}` : undefined;
}

/** The argument's public schema: upstream type information, then the manifest's curation. */
function argSchema({
  ctx,
  arg,
  upstream,
  at,
}: {
  ctx: PlanContext;
  arg: ManifestArg;
  upstream?: JsonObject;
  at: ManifestPath;
}) {
  const base: JsonObject = {};
  if (upstream && !arg.type) {
    if (typeof upstream.type === 'string') base.type = upstream.type;
    if (upstream.enum) base.enum = upstream.enum;
    if (upstream.format) base.format = upstream.format;
    if (upstream.type === 'array' && ctx.doc)
      base.items = stripItems(deref(ctx.doc, upstream.items));
  }
  if (!base.type && !arg.type) {
    ctx.report(at, 'the argument has no type (the upstream gives none). Fix: add `type:`.');
  }
  if (arg.enum && Array.isArray(base.enum)) {
    const extra = arg.enum.filter((v) => !(base.enum as unknown[]).includes(v));
    if (extra.length > 0) {
      ctx.report(
        [...at, 'enum'],
        `enum values ${extra.join(', ')} are not in the upstream enum. Fix: narrow to values from: ${(base.enum as unknown[]).join(', ')}.`,
      );
    }
  }
  if (arg.items?.enum && isObject(base.items) && Array.isArray(base.items.enum)) {
    const allowed = base.items.enum as unknown[];
    const extra = (arg.items.enum as unknown[]).filter((v) => !allowed.includes(v));
    if (extra.length > 0) {
      ctx.report(
        [...at, 'items'],
        `item enum values ${extra.join(', ')} are not in the upstream enum. Fix: narrow to values from: ${allowed.join(', ')}.`,
      );
    }
  }
  const merged: JsonObject = { ...base, ...withoutBindingKeys(arg) };
  const out: JsonObject = {};
  for (const key of SCHEMA_KEYS) if (merged[key] !== undefined) out[key] = merged[key];
  return out;
}

function stripItems(items: JsonObject | undefined): JsonObject | undefined {
  if (!items) return undefined;
  const out: JsonObject = {};
  for (const key of ['type', 'enum', 'format'] as const)
    if (items[key] !== undefined) out[key] = items[key];
  return out;
}

function withoutBindingKeys(arg: ManifestArg): JsonObject {
  const {
    from: _from,
    filter: _filter,
    searchFields: _searchFields,
    required: _required,
    ...rest
  } = arg;
  return rest;
}

/** Every required path or query parameter must be given by an argument or a fixed value. */
function checkUnbound({ ctx, claims }: { ctx: PlanContext; claims: Map<string, string> }) {
  const op = ctx.operation!;
  for (const p of op.parameters) {
    if ((p.in === 'path' || p.required) && !claims.has(`${p.in}.${p.name}`)) {
      ctx.report(
        ['tools', ctx.index, 'args'],
        `${op.method.toUpperCase()} ${op.path} requires ${p.in} parameter \`${p.name}\`. Fix: add an argument for it (args.${p.name}) or a fixed value.`,
      );
    }
  }
  if (op.bodyRequired && ![...claims.keys()].some((k) => k.startsWith('body.'))) {
    ctx.report(
      ['tools', ctx.index],
      `${op.method.toUpperCase()} ${op.path} requires a request body. Fix: add body arguments or \`fixed: { body: ... }\`.`,
    );
  }
}
