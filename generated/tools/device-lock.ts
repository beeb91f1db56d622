// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { deviceLock } from '../../src/handlers/device-action.js';
import { z } from 'zod';

const input = z
  .object({
    id: z.string(),
    pin: z.string().regex(new RegExp('^[0-9]{6}$')).optional(),
    confirmation_token: z.string().optional(),
  })
  .strict();

export const deviceLockTool: ToolDefinition<z.infer<typeof input>, Upstream> = {
  name: 'device_lock',
  description: 'Lock a device (Windows, Linux, macOS).',
  toolset: 'devices',
  annotations: {
    title: 'Lock device',
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: true,
    openWorldHint: true,
  },
  target: { kind: 'device', idArg: 'id' },
  effect: {
    verb: 'Lock',
    change: 'The device locks now; its user must unlock it (on macOS, with the PIN that is set).',
  },
  inputSchema: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      pin: { type: 'string', description: 'Macs only: 6-digit unlock PIN.', pattern: '^[0-9]{6}$' },
      confirmation_token: {
        type: 'string',
        description: 'Omit to preview; pass its token to confirm.',
      },
    },
    required: ['id'],
  },
  input,
  handler: (args, deps) => deviceLock(args, deps),
};
