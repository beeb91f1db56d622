/** A redis-server of the test's own on a free port, which the test may stop and start again. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { freePort } from '../store/redis-fixture.js';

export interface OwnRedis {
  url: string;
  start(): Promise<void>;
  /** SIGKILL: gone at once, as in a crash. */
  stop(): Promise<void>;
}

const BINARY = process.env.REDIS_SERVER ?? 'redis-server';

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export async function ownRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      BINARY,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const failed = once(child, 'error').then(([error]) => {
      throw new Error(
        `could not start ${BINARY} (install redis-server, or set REDIS_SERVER): ${(error as Error).message}`,
      );
    });
    const ready = (async () => {
      for (let i = 0; i < 200; i += 1) {
        if (await answers(url)) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`${BINARY} on port ${port} did not answer within 10 s`);
    })();
    await Promise.race([ready, failed]);
  };
  const stop = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url, start, stop };
}
