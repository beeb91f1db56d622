// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { tolerantArgs } from '../../src/mcp/tolerant-args.js';
import { unwrap } from '../../src/upstream/unwrap.js';
import { z } from 'zod';

// Built on the first call: tools/list sends the static inputSchema, so a start builds no validator.
const buildInput = () =>
  z.preprocess(
    tolerantArgs({ id: { type: 'string', required: true } }),
    z.object({ id: z.string() }).strict(),
  );
type Args = z.infer<ReturnType<typeof buildInput>>;
let input: ReturnType<typeof buildInput> | undefined;

export const policyGetTool: ToolDefinition<Args, Upstream> = {
  name: 'policy_get',
  description: 'Get one policy by id with its template and settings.',
  toolset: 'policies',
  annotations: {
    title: 'Get policy',
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  target: { kind: 'policy', idArg: 'id' },
  inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
  outputSchema: {
    type: 'object',
    properties: { configFields: {}, id: {}, name: {}, notes: {}, template: {}, values: {} },
  },
  get input() {
    return (input ??= buildInput());
  },
  handler: async (args, { api }) =>
    unwrap(await api.v2.GET('/policies/{id}', { params: { path: { id: args.id } } })),
};
