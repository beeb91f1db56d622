// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { bulkHandler } from '../../src/bulk/bulk-handler.js';
import { tolerantArgs } from '../../src/mcp/tolerant-args.js';
import { unlockUsers } from '../../src/handlers/user-bulk.js';
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

export const userUnlockTool: ToolDefinition<Args, Upstream> = {
  name: 'user_unlock',
  description: 'Unlock a user locked out after failed sign-ins.',
  toolset: 'users',
  annotations: {
    title: 'Unlock user',
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  target: { kind: 'user', idArg: 'id' },
  effect: {
    verb: 'Unlock',
    change: 'The user’s account is unlocked; they can try to sign in again.',
  },
  bulk: { ids: 'ids', group: 'group_id', groupKind: 'user_group' },
  result:
    'User [{data.username}, ]id {args.id} is unlocked and can sign in again with their current password.',
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
      unwrap(await api.v1.POST('/systemusers/{id}/unlock', { params: { path: { id: args.id } } })),
    many: unlockUsers,
  }),
};
