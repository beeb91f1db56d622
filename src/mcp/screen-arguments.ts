/**
 * The first check of a tool call's arguments, before the tool's own validator, the safety gate or
 * any upstream request, the same for every tool: the arguments are one JSON object, no name in them
 * is prototype machinery, and every string in them (names included) is well-formed Unicode of a
 * length a URL, a header or a JSON body can carry.
 */

/** Own keys that would reach an object's prototype machinery; no tool has an argument so named. */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** With the `u` flag, `\p{Cs}` matches only a surrogate that is not half of a pair. */
const LONE_SURROGATE = /\p{Cs}/u;
/**
 * The longest string argument, in bytes of UTF-8. Ids, names and search terms are far shorter;
 * percent-encoded into a URL this stays within what JumpCloud and the proxies before it accept.
 */
export const MAX_STRING_BYTES = 1024;
/** Problems named in one answer; past this many the rest only add tokens. */
const MAX_PROBLEMS = 10;

export type ArgumentPath = readonly (string | number)[];

export type ArgumentsScreen =
  /** The arguments, as received, for the tool's validator. */
  | { ok: true; args: Record<string, unknown> }
  /** `arguments` is not an object at all: a malformed request (JSON-RPC -32602). */
  | { ok: false; malformed: string }
  /** What is wrong, one entry per argument, for an error result the model can act on. */
  | { ok: false; problems: string[] };

/** `id`, `search_after[0]`, `filter.name`; `arguments` for the whole object. */
export function argumentPath(path: ArgumentPath): string {
  if (path.length === 0) return 'arguments';
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`,
    )
    .join('');
}

/** The JSON type of a value, with its article: "null", "a string", "an array". */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

const loneSurrogateAt = (text: string) => text.search(LONE_SURROGATE);

/**
 * Screens the raw `arguments` of a tools/call (undefined when the client sent none). The walk is
 * iterative, so no nesting depth can exhaust the stack.
 */
export function screenArguments(toolName: string, raw: unknown): ArgumentsScreen {
  if (raw === undefined) return { ok: true, args: {} };
  if (!isPlainObject(raw)) {
    return {
      ok: false,
      malformed:
        `Invalid params: "arguments" of ${toolName} must be a JSON object of argument names to ` +
        `values, not ${jsonTypeOf(raw)}. Send {} for a call without arguments.`,
    };
  }
  const problems: string[] = [];
  const unknownTopLevel: string[] = [];
  const stack: Array<{ value: unknown; path: ArgumentPath }> = [{ value: raw, path: [] }];
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      const at = loneSurrogateAt(value);
      const bytes = Buffer.byteLength(value);
      if (bytes > MAX_STRING_BYTES) {
        problems.push(
          `"${argumentPath(path)}" is ${bytes} bytes long; a string argument holds at most ${MAX_STRING_BYTES} bytes of UTF-8 text`,
        );
      } else if (at >= 0) {
        problems.push(
          `"${argumentPath(path)}" holds a lone UTF-16 surrogate at character ${at}, which is not ` +
            'text; send well-formed Unicode',
        );
      }
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i -= 1)
        stack.push({ value: value[i], path: [...path, i] });
    } else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      for (let i = keys.length - 1; i >= 0; i -= 1) {
        const key = keys[i]!;
        if (loneSurrogateAt(key) >= 0) {
          const where = path.length === 0 ? 'an argument name' : `a key in "${argumentPath(path)}"`;
          problems.push(
            `${where} (${JSON.stringify(key)}) holds a lone UTF-16 surrogate; send well-formed Unicode`,
          );
        } else if (RESERVED_KEYS.has(key)) {
          if (path.length === 0) unknownTopLevel.push(key);
          else
            problems.push(
              `"${argumentPath(path)}" has a key '${key}', which no argument value may use`,
            );
        } else {
          stack.push({ value: record[key], path: [...path, key] });
        }
      }
    }
  }
  if (unknownTopLevel.length > 0)
    problems.unshift(`unknown argument(s): ${unknownTopLevel.map((k) => `'${k}'`).join(', ')}`);
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  return { ok: true, args: raw };
}
