// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { bulkHandler } from '../../src/bulk/bulk-handler.js';
import { reactivateUsers } from '../../src/handlers/user-bulk.js';
import { tolerantArgs } from '../../src/mcp/tolerant-args.js';
import { unwrap } from '../../src/upstream/unwrap.js';
import { z } from 'zod';

// Built on the first call: tools/list sends the static inputSchema, so a start builds no validator.
const buildInput = () =>
  z.preprocess(
    tolerantArgs({
      id: { type: 'string' },
      ids: { type: 'array' },
      group_id: { type: 'string' },
      confirmation_token: { type: 'string' },
    }),
    z
      .object({
        id: z.string().optional(),
        ids: z.array(z.string()).optional(),
        group_id: z.string().optional(),
        confirmation_token: z.string().optional(),
      })
      .strict(),
  );
type Args = z.infer<ReturnType<typeof buildInput>>;
let input: ReturnType<typeof buildInput> | undefined;

export const userReactivateTool: ToolDefinition<Args, Upstream> = {
  name: 'user_reactivate',
  description: 'Reactivate a suspended user without emailing them.',
  toolset: 'users',
  annotations: {
    title: 'Reactivate user',
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  target: { kind: 'user', idArg: 'id' },
  effect: {
    verb: 'Reactivate',
    change:
      'The user can sign in again to JumpCloud and the resources it connects; no email is sent.',
  },
  bulk: { ids: 'ids', group: 'group_id', groupKind: 'user_group' },
  result:
    'User [{data.username}, ]id {args.id} is reactivated[ (state {data.state})] and can sign in again. No email was sent.',
  inputSchema: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      ids: { type: 'array', items: { type: 'string' } },
      group_id: { type: 'string' },
      confirmation_token: { type: 'string' },
    },
  },
  get input() {
    return (input ??= buildInput());
  },
  handler: bulkHandler<Args, Upstream, 'id'>({
    idArg: 'id',
    idsArg: 'ids',
    kind: 'user',
    one: async (args, { api }) =>
      unwrap(
        await api.v1.POST('/systemusers/{id}/state/activate', {
          params: { path: { id: args.id } },
          body: { email: false },
        }),
      ),
    many: reactivateUsers,
  }),
};
