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
      _id: { type: 'string' },
      active: { type: 'boolean' },
      agentHasFullDiskAccess: { type: 'boolean' },
      agentVersion: { type: 'string' },
      allowMultiFactorAuthentication: { type: 'boolean' },
      allowPublicKeyAuthentication: { type: 'boolean' },
      allowSshPasswordAuthentication: { type: 'boolean' },
      allowSshRootLogin: { type: 'boolean' },
      amazonInstanceID: { type: 'string' },
      arch: { type: 'string' },
      archFamily: { type: 'string' },
      attributes: { type: 'array' },
      azureAdJoined: { type: 'boolean' },
      builtInCommands: { type: 'array' },
      connectionHistory: { type: 'array' },
      created: { type: 'string' },
      description: { type: 'string' },
      desktopCapable: { type: 'boolean' },
      displayManager: { type: 'string' },
      displayName: { type: 'string' },
      domainInfo: { type: 'object' },
      fde: { type: 'object' },
      fileSystem: {},
      hasServiceAccount: { type: 'boolean' },
      hostname: { type: 'string' },
      hwVendor: { type: 'string' },
      isPolicyBound: { type: 'boolean' },
      lastContact: {},
      mdm: { type: 'object' },
      modifySSHDConfig: { type: 'boolean' },
      networkInterfaces: { type: 'array' },
      organization: { type: 'string' },
      os: { type: 'string' },
      osFamily: { type: 'string' },
      osVersionDetail: { type: 'object' },
      policyStats: { type: 'object' },
      primarySystemUser: { type: 'object' },
      provisionMetadata: { type: 'object' },
      remoteAssistAgentVersion: { type: 'string' },
      remoteIP: { type: 'string' },
      secureLogin: { type: 'object' },
      serialNumber: { type: 'string' },
      serviceAccountState: { type: 'object' },
      sshRootEnabled: { type: 'boolean' },
      sshdParams: { type: 'array' },
      systemInsights: { type: 'object' },
      systemTimezone: { type: 'integer' },
      tags: { type: 'array' },
      templateName: { type: 'string' },
      userMetrics: { type: 'array' },
      version: { type: 'string' },
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
