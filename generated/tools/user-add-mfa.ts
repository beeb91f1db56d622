// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { unwrap } from '../../src/upstream/unwrap.js';
import { z } from 'zod';

const input = z.object({ id: z.string() }).strict();

export const userAddMfaTool: ToolDefinition<z.infer<typeof input>, Upstream> = {
  name: 'user_add_mfa',
  description: "Require MFA for a user's User Portal sign-in.",
  toolset: 'users',
  annotations: {
    title: 'Require user MFA',
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  target: { kind: 'user', idArg: 'id' },
  effect: {
    verb: 'Require MFA for',
    change: 'The user must use multi-factor authentication to sign in to the User Portal.',
  },
  inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
  input,
  handler: async (args, { api, signal }) =>
    unwrap(
      await api.v1.POST('/systemusers/{id}/mfa/enforce', {
        params: { path: { id: args.id } },
        body: { enable_user_portal_multifactor: true },
        signal,
      }),
    ),
};
