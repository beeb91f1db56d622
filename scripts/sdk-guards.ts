/**
 * The MCP SDK's type guards (`isJSONRPCResultResponse` and the like) each run a zod `safeParse`;
 * one that fails builds a ZodError with its issues, their messages and a stack trace: 11 to 19 us
 * a call in a loop of its own, more under a server's deep async stacks, where one that passes
 * takes about 1 us. Each request of a session meets at least three that fail (the transport asks
 * whether it is an `initialize`, the protocol whether it is a result, then an error): without
 * this patch a session's `user_get` cost 2.1 times the server CPU it does with it (c=32). The
 * build (scripts/build.ts) puts before each of these guards a test of a field its schema
 * requires: a value without it is refused without a parse, any other is parsed as before, so each
 * guard answers as the SDK's does (test/host/sdk-guards.test.ts holds them to the SDK's on a
 * corpus of messages).
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'esbuild';

interface Guard {
  name: string;
  schema: string;
  /** A test the schema's own parse implies, on a non-null object `value`. */
  requires: string;
}

export const GUARDS: readonly Guard[] = [
  {
    name: 'isJSONRPCResultResponse',
    schema: 'JSONRPCResultResponseSchema',
    requires: 'value.result !== undefined',
  },
  {
    name: 'isJSONRPCErrorResponse',
    schema: 'JSONRPCErrorResponseSchema',
    requires: 'value.error !== undefined',
  },
  {
    name: 'isInitializeRequest',
    schema: 'InitializeRequestSchema',
    requires: "value.method === 'initialize'",
  },
  {
    name: 'isInitializedNotification',
    schema: 'InitializedNotificationSchema',
    requires: "value.method === 'notifications/initialized'",
  },
];

/** The SDK's `types.js` with each guard of GUARDS testing its required field first. */
export function patchSdkGuards(source: string, file = 'types.js'): string {
  let patched = source;
  for (const { name, schema, requires } of GUARDS) {
    const original = `export const ${name} = (value) => ${schema}.safeParse(value).success;`;
    const parts = patched.split(original);
    if (parts.length !== 2) {
      throw new Error(
        `${file}: expected ${name} defined once as \`${original}\`, found it ${parts.length - 1} times. ` +
          'The SDK changed how it defines its guards: update GUARDS in scripts/sdk-guards.ts.',
      );
    }
    patched = parts.join(
      `export const ${name} = (value) => typeof value === 'object' && value !== null && ${requires} && ${schema}.safeParse(value).success;`,
    );
  }
  return patched;
}

/** Serves the SDK's `types.js` to esbuild with its guards patched. */
export const sdkGuards: Plugin = {
  name: 'sdk-guards',
  setup(build) {
    build.onLoad(
      { filter: /[\\/]@modelcontextprotocol[\\/]sdk[\\/]dist[\\/]esm[\\/]types\.js$/ },
      (args) => ({
        contents: patchSdkGuards(readFileSync(args.path, 'utf8'), args.path),
        loader: 'js',
      }),
    );
  },
};
