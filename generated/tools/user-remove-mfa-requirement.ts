// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { unwrap } from '../../src/upstream/unwrap.js';
import { z } from 'zod';

const input = z.object({ id: z.string(), confirmation_token: z.string().optional() }).strict();

export const userRemoveMfaRequirementTool: ToolDefinition<z.infer<typeof input>, Upstream> = {
  name: 'user_remove_mfa_requirement',
  description: "Stop requiring MFA for a user's User Portal sign-in.",
  toolset: 'users',
  annotations: {
    title: 'Remove user MFA requirement',
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: true,
    openWorldHint: true,
  },
  target: { kind: 'user', idArg: 'id' },
  effect: {
    verb: 'Remove the MFA requirement from',
    change: 'The user is no longer required to use multi-factor authentication.',
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
      await api.v1.POST('/systemusers/{id}/mfa/enforce', {
        params: { path: { id: args.id } },
        body: { enable_user_portal_multifactor: false },
        signal,
      }),
    ),
};
