/**
 * The Redis the tests use: JUMPCLOUD_MCP_TEST_REDIS_URL (.ci/run sets it), else the local default.
 * Each test file works under its own key prefix and deletes its keys when done.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.JUMPCLOUD_MCP_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A prefix no other test run uses, e.g. `jcmcp-test:3f9a0c1d:`. */
export function testPrefix(): string {
  return `jcmcp-test:${randomBytes(4).toString('hex')}:`;
}

/** Every key under `prefix`. */
export async function keysUnder(prefix: string, url = TEST_REDIS_URL): Promise<string[]> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return keys;
  } finally {
    client.disconnect();
  }
}

/** Deletes every key under `prefix`. */
export async function deleteKeys(prefix: string, url = TEST_REDIS_URL): Promise<void> {
  const keys = await keysUnder(prefix, url);
  if (keys.length === 0) return;
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  try {
    await client.del(...keys);
  } finally {
    client.disconnect();
  }
}
