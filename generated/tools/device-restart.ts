// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { deviceRestart } from '../../src/handlers/device-action.js';
import { z } from 'zod';

const input = z.object({ id: z.string(), confirmation_token: z.string().optional() }).strict();

export const deviceRestartTool: ToolDefinition<z.infer<typeof input>, Upstream> = {
  name: 'device_restart',
  description: 'Restart a device (Windows, Linux, macOS).',
  toolset: 'devices',
  annotations: {
    title: 'Restart device',
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: false,
    openWorldHint: true,
  },
  target: { kind: 'device', idArg: 'id' },
  effect: {
    verb: 'Restart',
    change: 'The device restarts now; anyone using it loses unsaved work.',
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
  handler: (args, deps) => deviceRestart(args, deps),
};
