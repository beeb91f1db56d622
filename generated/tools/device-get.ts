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
    tolerantArgs({ id: { type: 'string', required: true } }),
    z.object({ id: z.string() }).strict(),
  );
type Args = z.infer<ReturnType<typeof buildInput>>;
let input: ReturnType<typeof buildInput> | undefined;

export const deviceGetTool: ToolDefinition<Args, Upstream> = {
  name: 'device_get',
  description: 'Get one device by id with OS, hardware, agent and security settings.',
  toolset: 'devices',
  annotations: {
    title: 'Get device',
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  target: { kind: 'device', idArg: 'id' },
  inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
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
  get input() {
    return (input ??= buildInput());
  },
  handler: async (args, { api }) =>
    unwrap(await api.v1.GET('/systems/{id}', { params: { path: { id: args.id } } })),
};
