// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { diEventsGet } from '../../src/handlers/di-events-get.js';
import { tolerantArgs } from '../../src/mcp/tolerant-args.js';
import { z } from 'zod';

// Built on the first call: tools/list sends the static inputSchema, so a start builds no validator.
const buildInput = () =>
  z.preprocess(
    tolerantArgs({
      service: { type: 'array', required: true },
      start_time: { type: 'string', required: true },
      end_time: { type: 'string' },
      limit: { type: 'integer' },
      event_type: { type: 'string' },
      initiator_id: { type: 'string' },
      query: { type: 'string' },
      exact_match: { type: 'boolean' },
      search_after: { type: 'array' },
    }),
    z
      .object({
        service: z.array(
          z.enum([
            'all',
            'directory',
            'sso',
            'radius',
            'ldap',
            'systems',
            'mdm',
            'alert',
            'password_manager',
            'software',
          ]),
        ),
        start_time: z.string(),
        end_time: z.string().optional(),
        limit: z.number().int().gte(1).lte(10000).default(50),
        event_type: z.string().optional(),
        initiator_id: z.string().optional(),
        query: z.string().optional(),
        exact_match: z.boolean().optional(),
        search_after: z.array(z.any()).optional(),
      })
      .strict(),
  );
type Args = z.infer<ReturnType<typeof buildInput>>;
let input: ReturnType<typeof buildInput> | undefined;

export const diEventsGetTool: ToolDefinition<Args, Upstream> = {
  name: 'di_events_get',
  description: 'Directory Insights audit events (logins, admin and device changes), newest first.',
  toolset: 'insights',
  annotations: {
    title: 'Directory Insights events',
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  inputSchema: {
    type: 'object',
    properties: {
      service: {
        type: 'array',
        items: {
          type: 'string',
          enum: [
            'all',
            'directory',
            'sso',
            'radius',
            'ldap',
            'systems',
            'mdm',
            'alert',
            'password_manager',
            'software',
          ],
        },
      },
      start_time: { type: 'string', description: '7d, 24h, 30m or RFC 3339.' },
      end_time: { type: 'string', description: 'RFC 3339; default now.' },
      limit: { type: 'integer', minimum: 1, maximum: 10000, default: 50 },
      event_type: { type: 'string', description: 'e.g. login_attempt' },
      initiator_id: { type: 'string', description: 'Id of the acting user or admin.' },
      query: { type: 'string', description: 'Full-text search.' },
      exact_match: { type: 'boolean' },
      search_after: { type: 'array', description: 'Cursor from the previous page.', items: {} },
    },
    required: ['service', 'start_time'],
  },
  get input() {
    return (input ??= buildInput());
  },
  handler: (args, deps) => diEventsGet(args, deps),
};
