// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { unwrap } from '../../src/upstream/unwrap.js';
import { z } from 'zod';

const input = z.object({ id: z.string(), confirmation_token: z.string().optional() }).strict();

export const userSuspendTool: ToolDefinition<z.infer<typeof input>, Upstream> = {
  name: 'user_suspend',
  description: 'Suspend a user; they cannot sign in to anything until reactivated.',
  toolset: 'users',
  annotations: {
    title: 'Suspend user',
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: true,
    openWorldHint: true,
  },
  target: { kind: 'user', idArg: 'id' },
  effect: {
    verb: 'Suspend',
    change:
      'The user can no longer sign in to JumpCloud or any resource it connects (devices, SSO applications, directories) until reactivated.',
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
      await api.v1.POST('/systemusers/{id}/state/suspend', {
        params: { path: { id: args.id } },
        signal,
      }),
    ),
};
