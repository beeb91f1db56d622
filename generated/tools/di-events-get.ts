// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { diEventsGet } from '../../src/handlers/di-events-get.js';
import { z } from 'zod';

const input = z
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
        'access_management',
      ]),
    ),
    start_time: z.string(),
    end_time: z.string().optional(),
    limit: z.number().int().gte(1).lte(10000).default(100),
    event_type: z.string().optional(),
    initiator_id: z.string().optional(),
    query: z.string().optional(),
    exact_match: z.boolean().optional(),
    search_after: z.array(z.any()).optional(),
  })
  .strict();

export const diEventsGetTool: ToolDefinition<z.infer<typeof input>, Upstream> = {
  name: 'di_events_get',
  description:
    'Query Directory Insights audit events (sign-ins, admin changes, device events) in a time window. Page with search_after from the previous answer.',
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
        description: 'Services to query; all for every service.',
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
            'access_management',
          ],
        },
      },
      start_time: {
        type: 'string',
        description: 'Start: relative like 7d, 24h, 30m, or RFC 3339.',
      },
      end_time: { type: 'string', description: 'End: RFC 3339; default now.' },
      limit: { type: 'integer', minimum: 1, maximum: 10000, default: 100 },
      event_type: { type: 'string', description: 'Event type, e.g. user_login_attempt.' },
      initiator_id: { type: 'string', description: 'Id of the user or admin who acted.' },
      query: { type: 'string', description: 'Full-text search.' },
      exact_match: { type: 'boolean', description: 'Match query as an exact phrase.' },
      search_after: {
        type: 'array',
        description: 'Paging cursor from the previous answer.',
        items: {},
      },
    },
    required: ['service', 'start_time'],
    additionalProperties: false,
  },
  input,
  handler: (args, deps) => diEventsGet(args, deps),
};
