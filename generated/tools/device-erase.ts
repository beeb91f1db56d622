// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { deviceErase } from '../../src/handlers/device-action.js';
import { z } from 'zod';

const input = z
  .object({
    id: z.string(),
    pin: z.string().regex(new RegExp('^[0-9]{6}$')).optional(),
    confirmation_token: z.string().optional(),
  })
  .strict();

export const deviceEraseTool: ToolDefinition<z.infer<typeof input>, Upstream> = {
  name: 'device_erase',
  description: 'Erase all data on a device (factory reset); irreversible.',
  toolset: 'devices',
  annotations: {
    title: 'Erase device',
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: false,
    openWorldHint: true,
  },
  target: { kind: 'device', idArg: 'id' },
  effect: {
    verb: 'Erase',
    change:
      'All data on the device is wiped and it is reset to factory settings. This cannot be undone.',
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
  handler: (args, deps) => deviceErase(args, deps),
};
