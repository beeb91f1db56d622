// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { userApplicationsList } from '../../src/handlers/user-access.js';
import { z } from 'zod';

const input = z.object({ user_id: z.string() }).strict();

export const userApplicationsListTool: ToolDefinition<z.infer<typeof input>, Upstream> = {
  name: 'user_applications_list',
  description: 'SSO applications a user can use; each direct or via which group.',
  toolset: 'users',
  annotations: {
    title: 'User applications',
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  target: { kind: 'user', idArg: 'user_id' },
  inputSchema: {
    type: 'object',
    properties: { user_id: { type: 'string' } },
    required: ['user_id'],
  },
  input,
  handler: (args, deps) => userApplicationsList(args, deps),
};
