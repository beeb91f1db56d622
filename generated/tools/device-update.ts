// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { tolerantArgs } from '../../src/mcp/tolerant-args.js';
import { unwrap } from '../../src/upstream/unwrap.js';
import { z } from 'zod';

// Built on the first call: tools/list sends the static inputSchema, so a start builds no validator.
const buildInput = () =>
  z.preprocess(
    tolerantArgs({
      id: { type: 'string', required: true },
      displayName: { type: 'string' },
      allowSshPasswordAuthentication: { type: 'boolean' },
      allowSshRootLogin: { type: 'boolean' },
      allowMultiFactorAuthentication: { type: 'boolean' },
      allowPublicKeyAuthentication: { type: 'boolean' },
    }),
    z
      .object({
        id: z.string(),
        displayName: z.string().optional(),
        allowSshPasswordAuthentication: z.boolean().optional(),
        allowSshRootLogin: z.boolean().optional(),
        allowMultiFactorAuthentication: z.boolean().optional(),
        allowPublicKeyAuthentication: z.boolean().optional(),
      })
      .strict(),
  );
type Args = z.infer<ReturnType<typeof buildInput>>;
let input: ReturnType<typeof buildInput> | undefined;

export const deviceUpdateTool: ToolDefinition<Args, Upstream> = {
  name: 'device_update',
  description: "Update a device's display name or SSH/MFA settings; omitted ones stay.",
  toolset: 'devices',
  annotations: {
    title: 'Update device',
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  target: { kind: 'device', idArg: 'id' },
  effect: {
    verb: 'Update',
    change: 'The given settings of the device change; omitted settings stay as they are.',
  },
  result:
    'Device ["{data.displayName}", ]id {args.id} is updated[: display name "{args.displayName}"][; SSH password login {args.allowSshPasswordAuthentication}][; SSH root login {args.allowSshRootLogin}][; MFA {args.allowMultiFactorAuthentication}][; public key login {args.allowPublicKeyAuthentication}]. The agent applies SSH and MFA settings when the device next checks in.',
  inputSchema: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      displayName: { type: 'string' },
      allowSshPasswordAuthentication: { type: 'boolean' },
      allowSshRootLogin: { type: 'boolean' },
      allowMultiFactorAuthentication: { type: 'boolean' },
      allowPublicKeyAuthentication: { type: 'boolean' },
    },
    required: ['id'],
  },
  get input() {
    return (input ??= buildInput());
  },
  handler: async (args, { api }) =>
    unwrap(
      await api.v1.PUT('/systems/{id}', {
        params: { path: { id: args.id } },
        body: {
          displayName: args.displayName,
          allowSshPasswordAuthentication: args.allowSshPasswordAuthentication,
          allowSshRootLogin: args.allowSshRootLogin,
          allowMultiFactorAuthentication: args.allowMultiFactorAuthentication,
          allowPublicKeyAuthentication: args.allowPublicKeyAuthentication,
        },
      }),
    ),
};
