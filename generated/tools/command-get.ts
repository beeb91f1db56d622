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

export const commandGetTool: ToolDefinition<Args, Upstream> = {
  name: 'command_get',
  description: 'Get one command by id, including its script.',
  toolset: 'commands',
  annotations: {
    title: 'Get command',
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  target: { kind: 'command', idArg: 'id' },
  inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
  outputSchema: {
    type: 'object',
    properties: {
      aiGenerated: {},
      command: {},
      commandRunners: {},
      commandType: {},
      description: {},
      files: {},
      filesS3: {},
      launchType: {},
      listensTo: {},
      name: {},
      organization: {},
      schedule: {},
      scheduleRepeatType: {},
      scheduleYear: {},
      shell: {},
      sudo: {},
      systems: {},
      template: {},
      templatingRequired: {},
      timeToLiveSeconds: {},
      timeout: {},
      trigger: {},
      user: {},
    },
  },
  get input() {
    return (input ??= buildInput());
  },
  handler: async (args, { api }) =>
    unwrap(await api.v1.GET('/commands/{id}', { params: { path: { id: args.id } } })),
};
