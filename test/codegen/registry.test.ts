/** One test over the whole generated registry: names, annotations, descriptions, toolsets, schemas, token budget. */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tools, toolsets } from '../../generated/index.js';
import { JUMPCLOUD_KINDS } from '../../src/jumpcloud/kinds.js';
import { estimateTokens, resultText } from '../../src/mcp/result-text.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { sandboxDeps } from '../handlers/sandbox-deps.js';
import type { ToolDefinition } from '../../src/registry/types.js';
import { listedAnnotations } from '../../src/registry/listing.js';
import { CONFIRMATION_TOKEN_ARG } from '../../src/safety/index.js';

const SEED_TOOLS = [
  'admins_list',
  'users_list',
  'user_get',
  'user_suspend',
  'user_reactivate',
  'user_unlock',
  'user_resetmfa',
  'user_add_mfa',
  'user_remove_mfa_requirement',
  'user_force_password_reset',
  'user_send_reset_password_email',
  'user_send_invitation_email',
  'user_groups_list',
  'user_group_membership',
  'applications_list',
  'application_get',
  'devices_list',
  'device_get',
  'device_update',
  'device_lock',
  'device_restart',
  'device_shutdown',
  'device_erase',
  'commands_list',
  'di_events_get',
  'search_api',
  'device_groups_list',
  'device_group_membership',
  'user_group_members_update',
  'device_group_members_update',
  'command_get',
  'command_devices_list',
  'command_device_groups_list',
  'command_result_list',
  'commandresults_list',
  'policies_list',
  'policy_get',
  'softwareapp_list',
  'application_access_list',
  'user_applications_list',
  'user_memberof_list',
  'device_users_list',
  'application_access_update',
  'device_access_update',
];

/** What tools/list sends for a tool (without its output schema, which the host may leave out). */
function listed(
  tool: Pick<ToolDefinition, 'name' | 'description' | 'inputSchema' | 'annotations'>,
) {
  return {
    name: tool.name,
    description: tool.description,
    inputSchema: tool.inputSchema,
    annotations: listedAnnotations(tool.annotations),
  };
}

const tokens = (value: unknown) => encode(JSON.stringify(value)).length;

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

describe('generated tools', () => {
  it('are exactly the seed surface, sorted by name, each name unique', () => {
    const names = tools.map((t) => t.name);
    expect(names).toEqual([...SEED_TOOLS].sort());
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(tools.map((t) => [t.name, t] as const))('%s is well-formed', (name, tool) => {
    expect(name).toMatch(/^[a-z0-9_]{1,64}$/);
    expect(toolsets).toContain(tool.toolset);
    expect(tool.description.length).toBeGreaterThan(15);
    expect(tool.description.length).toBeLessThanOrEqual(200);
    const { title, readOnlyHint, destructiveHint, idempotentHint, openWorldHint } =
      tool.annotations;
    expect(title.length).toBeGreaterThan(0);
    for (const hint of [readOnlyHint, destructiveHint, idempotentHint, openWorldHint])
      expect(typeof hint).toBe('boolean');
    if (readOnlyHint) expect(destructiveHint).toBe(false);
    const properties = tool.inputSchema.properties ?? {};
    // A bulk tool confirms a set of objects even where one object needs no confirmation.
    expect(CONFIRMATION_TOKEN_ARG in properties).toBe(destructiveHint || tool.bulk !== undefined);
    if (tool.target) {
      expect(Object.keys(properties)).toContain(tool.target.idArg);
      // A bulk tool takes its id, `ids` or `group_id`: the gate asks for exactly one of them.
      if (tool.bulk) {
        expect(tool.inputSchema.required ?? []).not.toContain(tool.target.idArg);
        expect(properties[tool.bulk.ids]).toEqual({ type: 'array', items: { type: 'string' } });
        expect(properties[tool.bulk.group]).toEqual({ type: 'string' });
        expect(
          (JUMPCLOUD_KINDS as Record<string, { members?: { kind: string } }>)[tool.bulk.groupKind]
            ?.members?.kind,
        ).toBe(tool.target.kind);
      } else expect(tool.inputSchema.required).toContain(tool.target.idArg);
      expect(Object.keys(JUMPCLOUD_KINDS)).toContain(tool.target.kind);
    }
    // Every mutating tool says, for confirmations and previews, what it does.
    if (!readOnlyHint) {
      expect(tool.effect?.verb.length).toBeGreaterThan(0);
      expect(tool.effect?.change).toMatch(/[.!]$/);
    } else expect(tool.effect).toBeUndefined();
    if (tool.outputSchema) expect(tool.outputSchema.type).toBe('object');
  });

  it.each(tools.map((t) => [t.name, t] as const))(
    '%s: the zod validator agrees with the input schema',
    (_name, tool) => {
      const ajv = new Ajv2020({ strict: false });
      const validate = ajv.compile(tool.inputSchema);
      const required = tool.inputSchema.required ?? [];
      const properties = (tool.inputSchema.properties ?? {}) as Record<
        string,
        { type?: string; enum?: unknown[]; items?: { enum?: unknown[] } }
      >;
      const sample: Record<string, unknown> = {};
      for (const key of required) {
        const prop = properties[key]!;
        sample[key] =
          prop.type === 'array'
            ? [prop.items?.enum?.[0] ?? 'x']
            : prop.enum
              ? prop.enum[0]
              : prop.type === 'integer'
                ? 1
                : 'x';
      }
      expect(validate(sample)).toBe(true);
      expect(tool.input.safeParse(sample).success).toBe(true);
      expect(tool.input.safeParse({ ...sample, not_an_argument: 1 }).success).toBe(false);
      if (required.length > 0) {
        expect(validate({})).toBe(false);
        expect(tool.input.safeParse({}).success).toBe(false);
      }
      if (tool.annotations.destructiveHint) {
        expect(tool.input.safeParse({ ...sample, [CONFIRMATION_TOKEN_ARG]: 't' }).success).toBe(
          true,
        );
      }
      if (properties.limit) {
        expect(tool.input.safeParse({ ...sample, limit: 0 }).success).toBe(false);
        expect(validate({ ...sample, limit: 0 })).toBe(false);
      }
    },
  );

  it('keep tools/list within 100 o200k tokens per tool on average', () => {
    const total = tools.reduce((n, t) => n + tokens(listed(t)), 0);
    const output = tools.reduce((n, t) => n + (t.outputSchema ? tokens(t.outputSchema) : 0), 0);
    console.log(
      `tools/list: ${tools.length} tools, ${total} tokens (${(total / tools.length).toFixed(1)} per tool); output schemas add ${output}`,
    );
    expect(total).toBeLessThanOrEqual(100 * tools.length);
  });

  it.each(tools.map((t) => [t.name, t] as const))(
    '%s public definition matches its snapshot',
    async (name, tool) => {
      const definition = sortKeys({
        ...listed(tool),
        outputSchema: tool.outputSchema,
        toolset: tool.toolset,
        target: tool.target,
        // Not listed to clients; shown to the person who confirms a change.
        effect: tool.effect,
      });
      await expect(`${JSON.stringify(definition, null, 2)}\n`).toMatchFileSnapshot(
        `./__snapshots__/tools/${name}.json`,
      );
    },
  );
});

/**
 * What a model reads from a full page of each list tool (o200k tokens of the result text against
 * the sandbox), in the default compact format and in plain JSON. The caps hold the figures the
 * README reports; every object's id is in the text. The sandbox's clock is fixed at midday, so the
 * share of date-times on one day (which the table says once) is the same on every run.
 */
describe('result tokens per list tool (limit 100, o200k)', () => {
  const NOW = new Date('2026-06-15T12:00:00Z');
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 7, now: NOW });
  });
  afterAll(() => sandbox.close());

  const CAPS: Record<string, number> = {
    users_list: 5_450,
    devices_list: 6_900,
    di_events_get: 10_000,
    admins_list: 600,
    applications_list: 1_350,
    commandresults_list: 2_300,
    commands_list: 600,
    policies_list: 600,
    softwareapp_list: 1_200,
    user_groups_list: 500,
    device_groups_list: 500,
    user_group_membership: 1_000,
    device_group_membership: 2_350,
    command_devices_list: 9_400,
    command_device_groups_list: 400,
    command_result_list: 700,
  };

  it.each(Object.keys(CAPS))('%s', async (name) => {
    const tool = tools.find((t) => t.name === name)!;
    const org = sandbox.org(sandbox.orgIds[0]!)!;
    const args: Record<string, unknown> = { limit: 100 };
    if (name === 'di_events_get')
      Object.assign(args, {
        service: ['all'],
        start_time: new Date(NOW.getTime() - 30 * 86_400_000).toISOString(),
      });
    if (tool.target?.kind === 'user_group') args.group_id = org.userGroups[0]!.id;
    if (tool.target?.kind === 'device_group') args.group_id = org.systemGroups[0]!.id;
    if (tool.target?.kind === 'command') args.id = org.commands[0]!._id;
    const raw = await tool.handler(tool.input.parse(args), sandboxDeps(sandbox));
    const data = Array.isArray(raw) ? { results: raw } : raw;
    const compact = resultText(data, 'compact');
    const json = resultText(data, 'json');
    const rows = Object.values(data as object).find(Array.isArray) as Record<string, unknown>[];
    const count = encode(compact).length;
    console.log(
      `${name}: ${rows.length} items, compact ${count} tokens (${(count / Math.max(rows.length, 1)).toFixed(1)} per item), json ${encode(json).length}`,
    );
    expect(count).toBeLessThanOrEqual(CAPS[name]!);
    for (const row of rows) expect(compact).toContain(String(row._id ?? row.id));
    // The budget's estimate never undercounts by more than 10% nor overcounts by more than 25%.
    expect(estimateTokens(compact) / count).toBeGreaterThanOrEqual(0.9);
    expect(estimateTokens(compact) / count).toBeLessThanOrEqual(1.25);
    expect(estimateTokens(json) / encode(json).length).toBeGreaterThanOrEqual(0.9);
  });
});
