// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { unwrap } from '../../src/upstream/unwrap.js';
import { z } from 'zod';

const input = z
  .object({
    id: z.string(),
    displayName: z.string().optional(),
    allowSshPasswordAuthentication: z.boolean().optional(),
    allowSshRootLogin: z.boolean().optional(),
    allowMultiFactorAuthentication: z.boolean().optional(),
    allowPublicKeyAuthentication: z.boolean().optional(),
  })
  .strict();

export const deviceUpdateTool: ToolDefinition<z.infer<typeof input>, Upstream> = {
  name: 'device_update',
  description: "Update a device's display name or SSH/MFA settings; omitted fields are unchanged.",
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
  outputSchema: {
    type: 'object',
    properties: {
      _id: {},
      active: {},
      agentHasFullDiskAccess: {},
      agentVersion: {},
      allowMultiFactorAuthentication: {},
      allowPublicKeyAuthentication: {},
      allowSshPasswordAuthentication: {},
      allowSshRootLogin: {},
      amazonInstanceID: {},
      arch: {},
      archFamily: {},
      attributes: {},
      azureAdJoined: {},
      builtInCommands: {},
      connectionHistory: {},
      created: {},
      description: {},
      desktopCapable: {},
      displayManager: {},
      displayName: {},
      domainInfo: {},
      fde: {},
      fileSystem: {},
      hasServiceAccount: {},
      hostname: {},
      hwVendor: {},
      isPolicyBound: {},
      lastContact: {},
      mdm: {},
      modifySSHDConfig: {},
      networkInterfaces: {},
      organization: {},
      os: {},
      osFamily: {},
      osVersionDetail: {},
      policyStats: {},
      primarySystemUser: {},
      provisionMetadata: {},
      remoteAssistAgentVersion: {},
      remoteIP: {},
      secureLogin: {},
      serialNumber: {},
      serviceAccountState: {},
      sshRootEnabled: {},
      sshdParams: {},
      systemInsights: {},
      systemTimezone: {},
      tags: {},
      templateName: {},
      userMetrics: {},
      version: {},
    },
  },
  input,
  handler: async (args, { api, signal }) =>
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
        signal,
      }),
    ),
};
