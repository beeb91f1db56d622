/**
 * fast-check arbitraries for tools/call arguments: a plausible base built from the tool's input
 * schema (with real sandbox ids among the strings), then one hostile mutation aimed at one
 * argument or at the whole `arguments` member.
 */
import fc from 'fast-check';
import type { ToolDefinition } from '../../src/registry/types.js';
import { propertiesOf, requiredOf } from './tool-schemas.js';
import type { PropertySchema } from './tool-schemas.js';

export interface HostileCall {
  /** The mutation, for failure messages and the tally. */
  mutation: string;
  /** The arguments a refusal must name (one of them); `arguments` for the whole object. */
  targets: string[];
  /** The `arguments` member as JSON text; undefined leaves it out. */
  argumentsJson: string | undefined;
}

/** A HostileCall that fast-check prints short (a counterexample may hold a 1 MB string). */
function hostile(
  mutation: string,
  targets: string[],
  argumentsJson: string | undefined,
): HostileCall {
  return {
    mutation,
    targets,
    argumentsJson,
    [fc.toStringMethod]: () =>
      `${mutation}: ${argumentsJson === undefined ? '(no arguments)' : argumentsJson.slice(0, 300)}`,
  } as HostileCall;
}

/** Arguments that name one object by id. */
const isIdArgument = (name: string) => name === 'id' || name.endsWith('_id');
/** Strings that are not ids, some of which would change the URL path they are put in. */
const ODD_IDS = ['', ' ', '.', '..', 'a/../b', '%2e%2e', '?x=1#', '😀', 'x'.repeat(65), 'a b'];

/** Object ids of the sandbox, so that some calls reach real objects (and previews). */
export interface IdPool {
  ids: readonly string[];
}

const RESERVED_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
/** Arguments whose schema is looser than what the tool takes. */
const NAMED: Record<string, fc.Arbitrary<unknown>> = {
  start_time: fc.constantFrom('24h', '7d', '30m', '2026-01-01T00:00:00Z'),
};
/** Never in the base arguments; they still appear through mutations. */
const OUT_OF_BASE = new Set(['confirmation_token', 'end_time', 'exact_match']);
/** JSON number literals at and past the edges; some only JSON text can carry (1e400 is Infinity). */
const BOUNDARY_NUMBERS = [
  '0',
  '-0',
  '-1',
  '0.5',
  '1e400',
  '-1e400',
  '1e-400',
  '9007199254740993',
  '-9007199254740993',
  '1E2',
  '100.0',
  '4294967296',
];

/** Marks a value JSON.stringify must write as raw JSON text. */
class RawJson {
  constructor(readonly text: string) {}
}

/** An object with own keys exactly as given, `__proto__` included (as JSON.parse makes them). */
function ownObject(entries: ReadonlyArray<readonly [string, unknown]>): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries)
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return object;
}

/** JSON text of a value, writing each RawJson as its text. */
export function toJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof RawJson) {
      raws.push(item.text);
      return `\u0000raw${raws.length - 1}\u0000`;
    }
    return item;
  });
  return text.replace(/"\\u0000raw(\d+)\\u0000"/g, (_match, index: string) => raws[Number(index)]!);
}

function plausibleString(schema: PropertySchema, name: string, pool: IdPool) {
  if (NAMED[name]) return NAMED[name];
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  if (!isIdArgument(name)) return fc.string({ unit: 'binary', minLength: 1, maxLength: 24 });
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...pool.ids) },
    { weight: 1, arbitrary: fc.stringMatching(/^[0-9a-f]{24}$/) },
  );
}

/** A value the schema describes (not always one the tool or JumpCloud accepts). */
function plausibleValue(schema: PropertySchema, name: string, pool: IdPool): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -5, max: schema.maximum ?? 10_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -5, max: schema.maximum ?? 10_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      if (schema.items?.enum) return fc.subarray([...schema.items.enum], { minLength: 1 });
      if (schema.items?.type === 'string')
        return fc.array(plausibleString(schema.items, 'member_id', pool), { maxLength: 3 });
      return fc.array(fc.oneof(fc.integer(), fc.stringMatching(/^[0-9a-f]{8}$/)), {
        minLength: 1,
        maxLength: 3,
      });
    case 'object':
      return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), {
        maxKeys: 3,
      });
    default:
      return plausibleString(schema, name, pool);
  }
}

/** A value of any JSON type but the schema's. */
function wrongTypeValue(schema: PropertySchema): fc.Arbitrary<unknown> {
  const byType: Record<string, fc.Arbitrary<unknown>> = {
    null: fc.constant(null),
    boolean: fc.boolean(),
    number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
    string: fc.string({ unit: 'binary', maxLength: 16 }),
    array: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
    object: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), {
      maxKeys: 3,
    }),
  };
  const own = schema.type === 'integer' ? 'number' : (schema.type ?? '');
  return fc.oneof(...Object.entries(byType).flatMap(([type, arb]) => (type === own ? [] : [arb])));
}

/** A string with one UTF-16 surrogate that is not half of a pair. */
const loneSurrogateText = fc
  .tuple(
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.integer({ min: 0xd800, max: 0xdfff }),
    fc.string({ unit: 'binary', maxLength: 8 }),
  )
  .map(([before, unit, after]) => `${before}${String.fromCharCode(unit)}${after}`);

/** `value` inside `levels` arrays or single-key objects. */
const nested = (value: unknown, levels: number, inObjects: boolean) => {
  let out = value;
  for (let i = 0; i < levels; i += 1) out = inObjects ? { a: out } : [out];
  return out;
};

type Base = Record<string, unknown>;

function mutations(tool: ToolDefinition, base: Base): fc.Arbitrary<HostileCall> {
  const properties = propertiesOf(tool);
  const names = properties.map(([name]) => name);
  const strings = properties.filter(([, s]) => s.type === 'string').map(([name]) => name);
  const numbers = properties
    .filter(([, s]) => s.type === 'integer' || s.type === 'number')
    .map(([name]) => name);
  const required = requiredOf(tool);
  const json = (args: Base) => toJson(args);
  const withArg = (name: string, value: unknown) =>
    ownObject([...Object.entries({ ...base, [name]: value })]);
  const choices: Array<fc.Arbitrary<HostileCall>> = [];

  if (names.length > 0) {
    const anyName = fc.constantFrom(...names);
    const schemaOf = new Map(properties);
    choices.push(
      anyName.chain((name) =>
        wrongTypeValue(schemaOf.get(name)!).map((value) =>
          hostile(`wrong type for ${name}`, [name], json(withArg(name, value))),
        ),
      ),
      fc
        .tuple(anyName, fc.integer({ min: 1, max: 120 }), fc.boolean())
        .map(([name, levels, obj]) =>
          hostile(
            `${name} nested ${levels} levels`,
            [name],
            json(withArg(name, nested(base[name] ?? 'x', levels, obj))),
          ),
        ),
    );
  }
  if (strings.length > 0) {
    const stringName = fc.constantFrom(...strings);
    choices.push(
      fc
        .tuple(stringName, loneSurrogateText)
        .map(([name, text]) =>
          hostile(`lone surrogate in ${name}`, [name], json(withArg(name, text))),
        ),
      fc
        .tuple(
          stringName,
          fc.integer({ min: 1_000, max: 300_000 }),
          fc.constantFrom('x', 'é', '😀'),
        )
        .map(([name, length, unit]) =>
          hostile(
            `${length} × ${unit} in ${name}`,
            [name],
            json(withArg(name, unit.repeat(length))),
          ),
        ),
    );
  }
  const ids = strings.filter(isIdArgument);
  if (ids.length > 0) {
    choices.push(
      fc
        .tuple(fc.constantFrom(...ids), fc.constantFrom(...ODD_IDS))
        .map(([name, odd]) =>
          hostile(`${name} = ${JSON.stringify(odd)}`, [name], json(withArg(name, odd))),
        ),
    );
  }
  if (numbers.length > 0) {
    choices.push(
      fc
        .tuple(fc.constantFrom(...numbers), fc.constantFrom(...BOUNDARY_NUMBERS))
        .map(([name, literal]) =>
          hostile(`${name} = ${literal}`, [name], json(withArg(name, new RawJson(literal)))),
        ),
    );
  }
  if (required.length > 0) {
    choices.push(
      fc
        .constantFrom(...required)
        .map((name) =>
          hostile(
            `without ${name}`,
            [name],
            json(ownObject(Object.entries(base).filter(([key]) => key !== name))),
          ),
        ),
    );
  }
  choices.push(
    fc
      .tuple(fc.constantFrom(...RESERVED_KEYS), fc.jsonValue({ maxDepth: 2 }), fc.boolean())
      .map(([key, value, deep]) => {
        const holder = names.find((name) =>
          propertiesOf(tool).some(([n, s]) => n === name && s.type === 'array'),
        );
        if (deep && holder) {
          return hostile(
            `own ${key} inside ${holder}`,
            [holder],
            json(withArg(holder, [ownObject([[key, value]])])),
          );
        }
        return hostile(
          `own ${key} argument`,
          [key],
          json(ownObject([...Object.entries(base), [key, value]])),
        );
      }),
    fc
      .tuple(
        fc
          .string({ unit: 'binary', minLength: 1, maxLength: 12 })
          .filter((key) => !names.includes(key)),
        fc.jsonValue({ maxDepth: 3 }),
      )
      .map(([key, value]) =>
        hostile(
          `extra argument ${JSON.stringify(key)}`,
          [key],
          json(ownObject([...Object.entries(base), [key, value]])),
        ),
      ),
    fc
      .tuple(loneSurrogateText, fc.jsonValue({ maxDepth: 1 }))
      .map(([key, value]) =>
        hostile(
          'lone surrogate in an argument name',
          [JSON.stringify(key).slice(1, -1)],
          json(ownObject([...Object.entries(base), [key, value]])),
        ),
      ),
    fc
      .constantFrom('null', '"x"', '0', '-1.5', 'true', 'false', '[]', '[{}]', '[null]', undefined)
      .map((argumentsJson) =>
        argumentsJson === undefined
          ? hostile('no arguments', [...required], undefined)
          : hostile(`arguments = ${argumentsJson}`, ['arguments'], argumentsJson),
      ),
  );
  return fc.oneof(...choices);
}

/** The tool's base arguments from its schema: required ones always, optional ones at random. */
function baseArguments(tool: ToolDefinition, pool: IdPool): fc.Arbitrary<Base> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, schema] of propertiesOf(tool)) {
    // A confirmation is never guessed: a token is only ever a mutation (an extra or wrong value).
    // Arguments whose validity depends on another are left out: an end time (its default is after
    // every start time the base picks), and exact_match (it needs a query).
    if (OUT_OF_BASE.has(name)) continue;
    model[name] = plausibleValue(schema, name, pool);
  }
  return fc.record(model, { requiredKeys: requiredOf(tool).filter((name) => name in model) });
}

/** One hostile call of `tool`. */
export function hostileCall(tool: ToolDefinition, pool: IdPool): fc.Arbitrary<HostileCall> {
  return baseArguments(tool, pool).chain((base) => mutations(tool, base));
}
