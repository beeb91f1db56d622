// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { unwrap } from '../../src/upstream/unwrap.js';
import { z } from 'zod';

const input = z.object({ id: z.string() }).strict();

export const userSendInvitationEmailTool: ToolDefinition<z.infer<typeof input>, Upstream> = {
  name: 'user_send_invitation_email',
  description: 'Email a pending user their account activation invitation again.',
  toolset: 'users',
  annotations: {
    title: 'Send invitation email',
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: true,
  },
  target: { kind: 'user', idArg: 'id' },
  effect: {
    verb: 'Email the activation invitation to',
    change: 'The pending user receives their account activation email again.',
  },
  inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
  input,
  handler: async (args, { api, signal }) =>
    unwrap(
      await api.v1.POST('/systemusers/{id}/reactivate', {
        params: { path: { id: args.id } },
        signal,
      }),
    ),
};
