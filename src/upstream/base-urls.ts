/** Regions JumpCloud serves the API from. */
export const REGIONS = ['us', 'eu', 'in'] as const;
export type Region = (typeof REGIONS)[number];

/** Per spec id, the server URL of each region (generated from the specs' `servers`). */
export type UpstreamServers<Spec extends string = string> = Record<Spec, Record<Region, string>>;

/**
 * The base URL of each spec: the region's server, or, with a custom base URL (a proxy, the
 * sandbox), the US server's path on that origin.
 */
export function resolveBaseUrls<Spec extends string>({
  servers,
  region,
  baseUrl,
}: {
  servers: UpstreamServers<Spec>;
  region: Region;
  baseUrl?: string;
}): Record<Spec, string> {
  const out = {} as Record<Spec, string>;
  for (const spec of Object.keys(servers) as Spec[]) {
    const regional = servers[spec][region];
    if (!baseUrl) {
      out[spec] = regional.replace(/\/+$/, '');
      continue;
    }
    const path = new URL(servers[spec].us).pathname.replace(/\/+$/, '');
    out[spec] = `${baseUrl.replace(/\/+$/, '')}${path}`;
  }
  return out;
}
