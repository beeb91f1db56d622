/** Starts a sandbox for a test file and calls it the way an upstream client would. */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSandbox, type OrgData, type Sandbox } from '../../src/sandbox/index.js';

export const TEST_SEED = 424242;
/** Fixed reference time so seeded data is identical on every run. */
export const TEST_NOW = new Date('2026-06-15T12:00:00.000Z');

export async function startTestSandbox(): Promise<Sandbox> {
  return startSandbox({ port: 0, host: '127.0.0.1', seed: TEST_SEED, now: TEST_NOW });
}

/** An id of the right shape that names no object. */
export const UNKNOWN = '0123456789abcdef01234567';

/**
 * Starts the test sandbox for this file (beforeAll/afterAll) and resets it before each test,
 * handing the sandbox and its first organization to `use`.
 */
export function useResetSandbox(use: (sandbox: Sandbox, org: OrgData) => void): void {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  beforeEach(() => {
    sandbox!.reset();
    use(sandbox!, sandbox!.org(sandbox!.orgIds[0]!)!);
  });
  afterAll(() => sandbox?.close());
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  key?: string | null;
  orgId?: string | string[];
  headers?: Record<string, string>;
}

export interface CallResult<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  json: T;
}

export async function call<T = unknown>(
  sandbox: Sandbox,
  path: string,
  options: CallOptions = {},
): Promise<CallResult<T>> {
  const headers = new Headers({
    accept: 'application/json',
    'user-agent': 'jumpcloudmcp-test-bot',
    ...options.headers,
  });
  const key = options.key === undefined ? sandbox.apiKey : options.key;
  if (key !== null) headers.set('x-api-key', key);
  for (const org of Array.isArray(options.orgId)
    ? options.orgId
    : options.orgId
      ? [options.orgId]
      : [])
    headers.append('x-org-id', org);
  if (options.body !== undefined) headers.set('content-type', 'application/json');
  const response = await fetch(`${sandbox.url}${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(options.body !== undefined
      ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
      : {}),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json: json as T };
}
