import { ToolError } from './errors.js';

/**
 * What a JumpCloud object id may look like (ids are 24 hex digits; some older objects use other
 * word characters): never empty, never a path segment, never an escape.
 */
export const OBJECT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Why a path parameter value cannot name one JumpCloud object, or undefined when it can. An empty
 * value or a dot segment would change which endpoint the URL reaches (`/systemusers/` is the list,
 * `/systemusers/..` is the collection's parent), so such a request is never sent.
 */
export function invalidPathValue(value: unknown): string | undefined {
  const text = String(value);
  if (text.trim() === '') return 'is empty';
  if (text === '.' || text === '..') return `is "${text}", a path segment, not an id`;
  return undefined;
}

/** Why `value`, given as `arg`, is refused as the id of a `noun`, and what to do instead. */
export function notAnIdText({ arg, value, noun }: { arg: string; value: string; noun: string }) {
  return (
    `'${arg}' holds ${JSON.stringify(value.slice(0, 64))}, which is not a ${noun} id: ids are made of letters, digits, '-' and '_' ` +
    `(JumpCloud's are 24 hexadecimal characters). Look the ${noun} up first and pass its id.`
  );
}

/**
 * For a handler whose argument reaches a path parameter of another name (`device_id` ->
 * `system_id`): refuses a value that cannot be an object id, naming the argument the model wrote.
 */
export function requireObjectId(given: { arg: string; value: string; noun: string }) {
  if (OBJECT_ID_PATTERN.test(given.value)) return given.value;
  throw new ToolError(notAnIdText(given));
}

/**
 * Why a request to `schemaPath` with these path parameters cannot name one object, as the error
 * to refuse it with before anything is sent; undefined when every value can be an id.
 */
export function pathParamProblem(
  schemaPath: string,
  path: Readonly<Record<string, unknown>> | undefined,
): ToolError | undefined {
  for (const name in path) {
    const reason = invalidPathValue(path[name]);
    if (reason) {
      return new ToolError(
        `Argument for "${name}" ${reason}; ${schemaPath} needs the id of one object. ` +
          'Look the object up with a list or search tool and pass its id.',
      );
    }
  }
  return undefined;
}
