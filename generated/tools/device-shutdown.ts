// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { deviceShutdown } from '../../src/handlers/device-action.js';
import { z } from 'zod';

const input = z.object({ id: z.string(), confirmation_token: z.string().optional() }).strict();

export const deviceShutdownTool: ToolDefinition<z.infer<typeof input>, Upstream> = {
  name: 'device_shutdown',
  description: 'Shut down a device (Windows, Linux, macOS).',
  toolset: 'devices',
  annotations: {
    title: 'Shut down device',
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: false,
    openWorldHint: true,
  },
  target: { kind: 'device', idArg: 'id' },
  effect: {
    verb: 'Shut down',
    change:
      'The device turns off; anyone using it loses unsaved work, and it stays off until someone powers it on.',
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
  handler: (args, deps) => deviceShutdown(args, deps),
};
