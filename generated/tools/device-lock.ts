// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { bulkHandler } from '../../src/bulk/bulk-handler.js';
import {
  deviceLock,
  deviceLockEach,
  deviceLockPreflight,
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

export const deviceLockTool: ToolDefinition<Args, Upstream> = {
  name: 'device_lock',
  description: 'Lock devices; Macs need a PIN.',
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
  bulk: { ids: 'ids', group: 'group_id', groupKind: 'device_group' },
  preflight: deviceLockPreflight,
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
    one: (args, deps) => deviceLock(args, deps),
    many: deviceLockEach,
  }),
};
