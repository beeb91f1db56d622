// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

export interface paths {
  '/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['directoryInsights_eventsPost'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    EventQuery: components['schemas']['EventServiceTimeQuery'] & {
      exact_match?: string;
      exclude_provider_activity?: boolean;
      fields?: string[];
      /** Format: int64 */
      limit?: number;
      q?: string;
      search_after?: (number | string)[];
      search_term?: components['schemas']['SearchTerm'];
      /** Format: int64 */
      skip?: number;
      sort?: string;
    };
    EventServiceTimeQuery: {
      /** Format: date-time */
      end_time?: string;
      service: (
        | 'alerts'
        | 'all'
        | 'directory'
        | 'ldap'
        | 'mdm'
        | 'notifications'
        | 'object_storage'
        | 'password_manager'
        | 'password_vault'
        | 'radius'
        | 'reports'
        | 'saas_app_management'
        | 'software'
        | 'sso'
        | 'systems'
        | 'access_management'
        | 'asset_management'
        | 'workflows'
        | 'genai'
        | 'aigw'
        | 'ai_admin'
        | 'generic_di'
      )[];
      /** Format: date-time */
      start_time: string;
    };
    SearchTerm: {
      and?: components['schemas']['TermConjunction'];
      not?: components['schemas']['TermConjunction'];
      or?: components['schemas']['TermConjunction'];
    };
    TermConjunction: {
      [key: string]: unknown;
    }[];
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  directoryInsights_eventsPost: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['EventQuery'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            [key: string]: unknown;
          }[];
        };
      };
    };
  };
}
