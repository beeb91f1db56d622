/** Every manifest mistake fails with the manifest line and how to fix it. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planTools } from '../../codegen/generate.js';
import { loadSpecSet } from '../../codegen/load-specs.js';
import { ManifestError } from '../../codegen/manifest.js';
import { parseSpecLock, sha256 } from '../../codegen/spec-lock.js';
import { fixtureSpecs } from './fixture-specs.js';

const ANNOTATIONS =
  '{ title: T, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true }';

function tool(overrides: Record<string, string> = {}): string {
  const fields: Record<string, string> = {
    name: 'thing_get',
    toolset: 'users',
    operation: 'v1 GET /things/{id}',
    description: 'Get one thing.',
    annotations: ANNOTATIONS,
    args: '{ id: {} }',
    ...overrides,
  };
  const lines = Object.entries(fields)
    .filter(([, v]) => v !== '')
    .map(([k, v], i) => `${i === 0 ? '  - ' : '    '}${k}: ${v}`);
  return lines.join('\n');
}

const WRITE =
  '{ title: T, readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true }';

const manifest = (...tools: string[]) => `tools:\n${tools.join('\n')}\n`;

async function problemsOf(text: string, fixture = 'path-parameter'): Promise<string> {
  const specs = await fixtureSpecs(fixture);
  try {
    planTools({ specs, manifestText: text });
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    return (error as ManifestError).message;
  }
  throw new Error('the manifest was accepted');
}

const CASES: [name: string, { given: string; want: RegExp[]; fixture?: string }][] = [
  [
    'target members listed in an argument the tool does not have',
    {
      given: manifest(
        tool({
          target: '{ kind: user_group, idArg: id, members: { add: user } }',
        }),
      ),
      want: [/:\d+:\d+: tool thing_get: target\.members "add" is not one of its args/],
    },
  ],
  [
    'a member argument of a kind the kinds table does not have',
    {
      given: manifest(
        tool({
          target: '{ kind: user_group, idArg: id, members: { id: printer } }',
        }),
      ),
      want: [/target\.members\.id/, /user_group/],
    },
  ],
  [
    'words for a member argument the target does not list',
    {
      given: manifest(
        tool({
          target: '{ kind: user_group, idArg: id, members: { id: user } }',
          effect: '{ verb: Change, change: It changes., members: { add: gain access } }',
        }),
      ),
      want: [/:\d+:\d+: tool thing_get: effect\.members "add" is not a member argument/],
    },
  ],
  [
    'an operation that does not exist',
    {
      given: manifest(tool({ operation: 'v1 GET /thingz/{id}' })),
      want: [
        /tools\.manifest\.yaml:4:16: tool thing_get: operation "v1 GET \/thingz\/\{id\}" does not exist/,
        /no such path/,
      ],
    },
  ],
  [
    'a method the path does not have',
    {
      given: manifest(tool({ operation: 'v1 DELETE /things/{id}' })),
      want: [/:4:16: .*has no DELETE operation \(it has: get\)/],
    },
  ],
  [
    'an unknown operationId',
    {
      given: manifest(tool({ operation: 'v1 things_fetch' })),
      want: [/:4:16: .*operationId "things_fetch" does not exist in v1/],
    },
  ],
  [
    'two tools with one name',
    {
      given: manifest(tool(), tool()),
      want: [
        /:8:11: tool thing_get: the name is already used at tools\.manifest\.yaml:2:11\. Fix: rename one of them\./,
      ],
    },
  ],
  [
    'a name that is not [a-z0-9_]',
    {
      given: manifest(tool({ name: 'Thing-Get' })),
      want: [/:2:11: tools\[0\]\.name: a tool name uses only a-z, 0-9 and _\. Fix:/],
    },
  ],
  [
    'a name longer than 64 characters',
    {
      given: manifest(tool({ name: 'x'.repeat(65) })),
      want: [/:2:11: tools\[0\]\.name: a tool name has at most 64 characters/],
    },
  ],
  [
    'a parameter claimed twice by two arguments',
    {
      given: manifest(tool({ args: '{ id: {}, thing: { from: path.id } }' })),
      want: [
        /:7:28: tool thing_get: path\.id is claimed twice \(by args\.id and by args\.thing\)\. Fix: keep one of them\./,
      ],
    },
  ],
  [
    'a parameter claimed by a fixed value and an argument',
    {
      given: manifest(
        tool({
          operation: 'v1 GET /things',
          fixed: '{ query: { sort: name } }',
          args: '{ order: { from: query.sort } }',
        }),
      ),
      fixture: 'query-curation',
      want: [
        /:7:20: tool thing_get: query\.sort is claimed twice \(by fixed\.query\.sort and by args\.order\)/,
      ],
    },
  ],
  [
    'a missing description',
    {
      given: manifest(tool({ description: '' })),
      want: [/:2:5: tools\[0\]\.description: Required\. Fix: add `description:`/],
    },
  ],
  [
    'a missing annotation',
    {
      given: manifest(
        tool({
          annotations:
            '{ title: T, readOnlyHint: true, destructiveHint: false, openWorldHint: true }',
        }),
      ),
      want: [
        /:6:18: tools\[0\]\.annotations\.idempotentHint: Required\. Fix: add `idempotentHint: true\|false` under annotations\./,
      ],
    },
  ],
  [
    'a required path parameter left unbound',
    {
      given: manifest(tool({ args: '{}' })),
      want: [/:7:11: .*requires path parameter `id`\. Fix: add an argument for it/],
    },
  ],
  [
    'an argument that maps to nothing',
    {
      given: manifest(tool({ args: '{ id: {}, colour: {} }' })),
      want: [
        /:7:29: .*args\.colour maps to nothing in GET \/things\/\{id\}\. Fix: add `from:` with one of: path\.id/,
      ],
    },
  ],
  [
    'an enum wider than the upstream one',
    {
      given: manifest(
        tool({
          operation: 'v1 GET /things',
          args: '{ state: { from: query.status, enum: [active, deleted] } }',
        }),
      ),
      fixture: 'query-curation',
      want: [
        /enum values deleted are not in the upstream enum\. Fix: narrow to values from: active, suspended, staged\./,
      ],
    },
  ],
  [
    'a V1 filter operator on a V2 filter parameter',
    {
      given: manifest(
        tool({
          name: 'groups_list',
          operation: 'v1 GET /groups',
          args: '{ search: { type: string, filter: { field: name, op: $sw } } }',
        }),
      ),
      fixture: 'v2-filter',
      want: [
        /:7:21: tool groups_list: args\.search\.filter\.op: GET \/groups takes V2 operators \(eq, ne, search, in\)\. Fix: use one of them\./,
      ],
    },
  ],
  [
    'the V2 filter claimed directly and by filter arguments',
    {
      given: manifest(
        tool({
          name: 'groups_list',
          operation: 'v1 GET /groups',
          args: '{ raw: { from: query.filter, type: array }, search: { type: string, filter: { field: name, op: search } } }',
        }),
      ),
      fixture: 'v2-filter',
      want: [
        /tool groups_list: query\.filter is claimed twice \(by args\.raw and by filter arguments\)/,
      ],
    },
  ],
  [
    'a fixed value for a parameter that does not exist',
    {
      given: manifest(tool({ fixed: '{ query: { colour: red } }' })),
      want: [
        /fixed\.query\.colour: GET \/things\/\{id\} has no query parameter colour\. Fix: correct or remove it\./,
      ],
    },
  ],
  [
    'a tool with both an operation and a handler',
    {
      given: manifest(tool({ handler: 'src/handlers/x.ts#x' })),
      want: [/:2:5: tool thing_get: give exactly one of `operation:`/],
    },
  ],
  [
    'a destructive tool without an effect',
    {
      given: manifest(
        tool({
          annotations:
            '{ title: T, readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true }',
        }),
      ),
      want: [
        /tools\.manifest\.yaml:6:18: tool thing_get: a destructive tool needs `effect:`.*Fix: add `effect: \{ verb: /,
      ],
    },
  ],
  [
    'an effect with no verb',
    {
      given: manifest(tool({ effect: "{ change: 'It changes.' }" })),
      want: [/:8:13: tools\[0\]\.effect\.verb: Required\. Fix: add `verb:` under effect/],
    },
  ],
  [
    'an effect on a read-only tool',
    {
      given: manifest(tool({ effect: "{ verb: Show, change: 'Nothing.' }" })),
      want: [/:8:13: tool thing_get: a read-only tool changes nothing, so it has no `effect:`/],
    },
  ],
  [
    'bulk on a read-only tool',
    {
      given: manifest(tool({ target: '{ kind: user, idArg: id }', bulk: '{ group: user_group }' })),
      want: [/:\d+:\d+: tool thing_get: a read-only tool acts on nothing, so it has no `bulk:`/],
    },
  ],
  [
    'bulk without a target',
    {
      given: manifest(tool({ annotations: WRITE, bulk: '{ group: user_group }' })),
      want: [/tool thing_get: `bulk:` needs `target: \{ kind, idArg \}`.*Fix: add the target/],
    },
  ],
  [
    'bulk by a kind that has no members',
    {
      given: manifest(
        tool({
          annotations: WRITE,
          target: '{ kind: user, idArg: id }',
          bulk: '{ group: application }',
        }),
      ),
      want: [
        /:\d+:\d+: tool thing_get: kind application has no members to list .*Fix: use one of user_group, device_group/,
      ],
    },
  ],
  [
    'bulk by a group of another kind of object',
    {
      given: manifest(
        tool({
          annotations: WRITE,
          target: '{ kind: device, idArg: id }',
          bulk: '{ group: user_group }',
        }),
      ),
      want: [
        /a user_group holds user objects, but the tool acts on device\. Fix: name a group of device/,
      ],
    },
  ],
  [
    'bulk on a tool that already has an ids argument',
    {
      given: manifest(
        tool({
          annotations: WRITE,
          target: '{ kind: user, idArg: id }',
          bulk: '{ group: user_group }',
          args: '{ id: {}, ids: { type: array, items: { type: string } } }',
        }),
      ),
      want: [/`bulk:` adds the argument `ids`, which `args:` already has/],
    },
  ],
  [
    'a target kind that is not in the kinds table',
    {
      given: manifest(tool({ target: '{ kind: printer, idArg: id }' })),
      want: [/tools\[0\]\.target\.kind: .*Fix: use one of user, device, user_group, /],
    },
  ],
  [
    'YAML that does not parse',
    { given: 'tools:\n  - name: [unclosed\n', want: [/tools\.manifest\.yaml:\d+:\d+: /] },
  ],
];

describe('manifest errors', () => {
  it.each(CASES)('%s', async (_name, { given, want, fixture }) => {
    const message = await problemsOf(given, fixture);
    for (const pattern of want) expect(message).toMatch(pattern);
  });
});

describe('a spec whose hash does not match the lock', () => {
  it('is refused with the file, both hashes and how to accept it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'specs-cache-'));
    try {
      const text = 'openapi: 3.1.0\npaths: {}\n';
      writeFileSync(join(dir, 'a.yaml'), text);
      const wrong = sha256('something else');
      const lock = parseSpecLock(
        [
          'files:',
          `  - { name: a.yaml, url: 'https://example.test/a.yaml', format: openapi-3.1-yaml, sha256: ${wrong} }`,
          'sets:',
          '  current: { v1: { file: a.yaml }, v2: { file: a.yaml }, insights: { file: a.yaml } }',
        ].join('\n'),
      );
      await expect(
        loadSpecSet({ lock, setName: 'current', cacheDir: dir, overlayDir: dir }),
      ).rejects.toThrow(
        new RegExp(
          `a\\.yaml: sha256 ${sha256(text)} does not match the lock \\(${wrong}\\).*specs:pull -- --accept`,
        ),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
