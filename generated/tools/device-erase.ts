// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { bulkHandler } from '../../src/bulk/bulk-handler.js';
import {
  deviceErase,
  deviceEraseEach,
  deviceErasePreflight,
} from '../../src/handlers/device-action.js';
import { tolerantArgs } from '../../src/mcp/tolerant-args.js';
import { z } from 'zod';

// Built on the first call: tools/list sends the static inputSchema, so a start builds no validator.
const buildInput = () =>
  z.preprocess(
    tolerantArgs({
      id: { type: 'string' },
      pin: { type: 'string' },
      ids: { type: 'array' },
      group_id: { type: 'string' },
      confirmation_token: { type: 'string' },
    }),
    z
      .object({
        id: z.string().optional(),
        pin: z.string().regex(new RegExp('^[0-9]{6}$')).optional(),
        ids: z.array(z.string()).optional(),
        group_id: z.string().optional(),
        confirmation_token: z.string().optional(),
      })
      .strict(),
  );
type Args = z.infer<ReturnType<typeof buildInput>>;
let input: ReturnType<typeof buildInput> | undefined;

export const deviceEraseTool: ToolDefinition<Args, Upstream> = {
  name: 'device_erase',
  description: 'Erase all data on devices (factory reset); irreversible.',
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
  bulk: { ids: 'ids', group: 'group_id', groupKind: 'device_group' },
  preflight: deviceErasePreflight,
  inputSchema: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      pin: { type: 'string', description: '6 digits; Macs only.', pattern: '^[0-9]{6}$' },
      ids: { type: 'array', items: { type: 'string' } },
      group_id: { type: 'string' },
      confirmation_token: { type: 'string' },
    },
  },
  get input() {
    return (input ??= buildInput());
  },
  handler: bulkHandler<Args, Upstream, 'id'>({
    idArg: 'id',
    idsArg: 'ids',
    kind: 'device',
    one: (args, deps) => deviceErase(args, deps),
    many: deviceEraseEach,
  }),
};
