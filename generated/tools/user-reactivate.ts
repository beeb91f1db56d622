// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { unwrap } from '../../src/upstream/unwrap.js';
import { z } from 'zod';

const input = z.object({ id: z.string() }).strict();

export const userReactivateTool: ToolDefinition<z.infer<typeof input>, Upstream> = {
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
  inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
  input,
  handler: async (args, { api, signal }) =>
    unwrap(
      await api.v1.POST('/systemusers/{id}/state/activate', {
        params: { path: { id: args.id } },
        body: { email: false },
        signal,
      }),
    ),
};
