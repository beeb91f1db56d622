// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { unwrap } from '../../src/upstream/unwrap.js';
import { z } from 'zod';

const input = z.object({ id: z.string() }).strict();

export const userUnlockTool: ToolDefinition<z.infer<typeof input>, Upstream> = {
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
  inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
  input,
  handler: async (args, { api, signal }) =>
    unwrap(
      await api.v1.POST('/systemusers/{id}/unlock', { params: { path: { id: args.id } }, signal }),
    ),
};
