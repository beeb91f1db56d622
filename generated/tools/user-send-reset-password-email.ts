// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { bulkHandler } from '../../src/bulk/bulk-handler.js';
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

export const userSendResetPasswordEmailTool: ToolDefinition<Args, Upstream> = {
  name: 'user_send_reset_password_email',
  description: 'Email an active user a password reset link.',
  toolset: 'users',
  annotations: {
    title: 'Send password reset email',
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: true,
  },
  target: { kind: 'user', idArg: 'id' },
  effect: {
    verb: 'Email a password reset link to',
    change: 'The user receives an email with a link to set a new password.',
  },
  bulk: { ids: 'ids', group: 'group_id', groupKind: 'user_group' },
  result:
    'A password reset email was sent to user [{data.username}, ]id {args.id}[ at {data.email}]; its link lets them set a new password.',
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
        await api.v1.POST('/systemusers/{id}/reactivate', { params: { path: { id: args.id } } }),
      ),
  }),
};
