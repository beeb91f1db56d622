import { HttpError } from './http-error.js';
import type { Step } from './steps.js';

/** Every query parameter /v1 reads. */
export const QUERY_PARAMETERS = ['organizationID', 'toolsets', 'tools', 'readOnly'] as const;

/** Spellings of the organization parameter that other tools and APIs use, lower-cased, without `-` or `_`. */
const ORGANIZATION_LOOKALIKES = new Set([
  'org',
  'orgs',
  'orgid',
  'orgids',
  'organization',
  'organizations',
  'organizationid',
  'organisation',
  'organisationid',
  'xorgid',
  'tenant',
  'tenantid',
]);

const squash = (name: string) => name.toLowerCase().replace(/[-_]/g, '');

function suggestion(name: string): string | undefined {
  const squashed = squash(name);
  if (ORGANIZATION_LOOKALIKES.has(squashed)) return 'organizationID';
  return QUERY_PARAMETERS.find((known) => squash(known) === squashed);
}

/**
 * Refuses a query parameter /v1 does not read: a mistyped `organizationID` would otherwise act on
 * the key's default organization, and a mistyped `readOnly` would offer tools that change data.
 */
export function queryParametersCheck(): Step {
  const known = new Set<string>(QUERY_PARAMETERS);
  const list = `${QUERY_PARAMETERS.slice(0, -1).join(', ')} and ${QUERY_PARAMETERS.at(-1)}`;
  return (ctx) => {
    for (const name of Object.keys(ctx.query)) {
      if (known.has(name)) continue;
      const shown = JSON.stringify(name.slice(0, 40));
      const right = suggestion(name);
      throw new HttpError(
        400,
        right
          ? `Bad request: unknown query parameter ${shown}; the spelling is ${right} (for example ?${right}=${right === 'organizationID' ? '<24-character organization id>' : '...'}). Nothing was sent to JumpCloud.`
          : `Bad request: unknown query parameter ${shown}. This endpoint takes ${list}. Nothing was sent to JumpCloud.`,
      );
    }
  };
}
