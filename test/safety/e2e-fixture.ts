/**
 * The safety suite's names for the end-to-end harness (test/e2e/harness.ts): the real Koa app with
 * the generated tools and the real safety layer, against the sandbox, whose request log is the
 * witness of what reached "JumpCloud", with audit records kept in memory.
 */
import type { ElicitRequest, ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { AuditRecord } from '../../src/safety/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { connectClient, startHost } from '../e2e/harness.js';
import type { SafetyOverrides } from '../e2e/harness.js';

export { GENERATED_TOOLS, mutations, SECRET, text, tokenIn, withToken } from '../e2e/harness.js';

export interface SafetyHost {
  url: string;
  /** The audit records as they are written; a test may clear them. */
  audit: AuditRecord[];
  logs: string[];
  close(): Promise<void>;
}

export async function startSafetyHost({
  sandbox,
  stateful = false,
  safety = {},
}: {
  sandbox: Sandbox;
  stateful?: boolean;
  /** Safety settings over the defaults, the clock confirmation tokens see, a shared used-token store. */
  safety?: SafetyOverrides;
}): Promise<SafetyHost> {
  const host = await startHost({ baseUrl: sandbox.url, stateful, safety, audit: 'memory' });
  return { url: host.url, audit: host.records, logs: host.logs, close: host.close };
}

export type ElicitAnswer = (request: ElicitRequest) => ElicitResult;

export async function connect({
  url,
  apiKey,
  elicit,
}: {
  url: string;
  apiKey: string;
  /** Declares the elicitation capability and answers with this. */
  elicit?: ElicitAnswer;
}): Promise<Client> {
  return (await connectClient({ url, apiKey, elicit })).client;
}
