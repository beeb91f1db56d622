/** The sandbox's whole world: organizations built from a seed, and the API keys that reach them. */
import { randomBytes } from 'node:crypto';
import { buildOrg, DEFAULT_ORGS } from './seed/build-org.js';
import { FastRandom } from './seed/fast-random.js';
import type { OrgData, SandboxKey } from './types.js';

export interface SandboxWorld {
  orgs: Map<string, OrgData>;
  orgIds: string[];
  /** The MSP key: reaches every organization; defaults to the first. */
  mspKey: SandboxKey;
  /** One key per organization, bound to it alone. */
  orgKeys: SandboxKey[];
  /** A service account (client credentials at POST /oauth2/token) with the MSP key's reach. */
  serviceAccount: { clientId: string; clientSecret: string };
}

function keyFor(r: FastRandom): string {
  return `jca_${r.alnum({ length: 36, casing: 'mixed' })}`;
}

export function buildWorld({
  seed,
  now,
  apiKey,
}: {
  seed: number;
  now: number;
  apiKey?: string;
}): SandboxWorld {
  const orgs = new Map<string, OrgData>();
  DEFAULT_ORGS.forEach((spec, index) => {
    const org = buildOrg({ seed: seed * 31 + index, spec, now });
    orgs.set(org.id, org);
  });
  const orgIds = [...orgs.keys()];
  const keys = new FastRandom(seed + 7919);
  const first = orgs.get(orgIds[0]!)!;
  const mspKey: SandboxKey = {
    key: apiKey ?? keyFor(keys),
    orgIds,
    defaultOrgId: first.id,
    adminEmail: first.admins[0]!.email,
  };
  const orgKeys = orgIds.map((id) => {
    const org = orgs.get(id)!;
    return { key: keyFor(keys), orgIds: [id], defaultOrgId: id, adminEmail: org.admins[0]!.email };
  });
  const serviceAccount = {
    clientId: `sa-${keys.alnum({ length: 12 }).toLowerCase()}`,
    clientSecret: keys.alnum({ length: 40, casing: 'mixed' }),
  };
  return { orgs, orgIds, mspKey, orgKeys, serviceAccount };
}

/** Holds the current world; `reset` rebuilds it from the same seed (same ids, same keys). */
export class SandboxState {
  world: SandboxWorld;
  private readonly options: { seed: number; now: number; apiKey?: string };

  constructor(options: { seed: number; now: number; apiKey?: string }) {
    this.options = options;
    this.world = buildWorld(options);
  }

  /** Service-account bearer tokens issued, with their expiry (ms). */
  private readonly serviceTokens = new Map<string, number>();
  private serviceTokenCount = 0;

  reset(): void {
    this.world = buildWorld(this.options);
    this.serviceTokens.clear();
  }

  findKey(key: string): SandboxKey | undefined {
    const { mspKey, orgKeys } = this.world;
    return [mspKey, ...orgKeys].find((k) => k.key === key);
  }

  /** Issues a one-hour service-account token. */
  issueServiceToken(): { token: string; expiresIn: number } {
    this.serviceTokenCount += 1;
    const token = `jcsa_${randomBytes(24).toString('base64url')}`;
    this.serviceTokens.set(token, Date.now() + 3600_000);
    return { token, expiresIn: 3600 };
  }

  /** Service-account tokens issued since the sandbox started. */
  get serviceTokensIssued(): number {
    return this.serviceTokenCount;
  }

  /** The key a live service-account token acts as (the MSP key), or undefined. */
  findServiceToken(token: string): SandboxKey | undefined {
    const expiresAt = this.serviceTokens.get(token);
    if (expiresAt === undefined || expiresAt <= Date.now()) return undefined;
    return this.world.mspKey;
  }

  org(id: string): OrgData | undefined {
    return this.world.orgs.get(id);
  }
}
