// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { unwrap } from '../../src/upstream/unwrap.js';
import { z } from 'zod';

const input = z.object({ id: z.string(), confirmation_token: z.string().optional() }).strict();

export const userForcePasswordResetTool: ToolDefinition<z.infer<typeof input>, Upstream> = {
  name: 'user_force_password_reset',
  description: "Expire a user's password so they must set a new one at next sign-in.",
  toolset: 'users',
  annotations: {
    title: 'Force password reset',
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: true,
    openWorldHint: true,
  },
  target: { kind: 'user', idArg: 'id' },
  effect: {
    verb: 'Expire the password of',
    change: 'The user’s password expires now; they must choose a new one at their next sign-in.',
  },
  inputSchema: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      confirmation_token: {
        type: 'string',
        description: 'Omit to preview; pass its token to confirm.',
      },
    },
    required: ['id'],
  },
  input,
  handler: async (args, { api, signal }) =>
    unwrap(
      await api.v1.POST('/systemusers/{id}/expire', { params: { path: { id: args.id } }, signal }),
    ),
};
