/** A redis-server of the test's own on a free port, which the test may stop and start again. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { onFreePort } from '../free-port.js';

export interface OwnRedis {
  url: string;
  start(): Promise<void>;
  /** SIGKILL: gone at once, as in a crash. */
  stop(): Promise<void>;
}

const BINARY = process.env.REDIS_SERVER ?? 'redis-server';

/** Whether the redis-server of process `pid` answers at `url` (not another one on that port). */
async function answers(url: string, pid: number | undefined): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return /^process_id:(\d+)/m.exec(await client.info('server'))?.[1] === String(pid);
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * redis-server exited before it answered: on a port just found free, another listener (maybe
 * another test's redis-server) took it.
 */
class ExitedEarly extends Error {}

/**
 * Starts one on a port found free; another listener (a parallel test file's) can take the port
 * before redis-server binds it, and then it starts again on another.
 */
export function ownRedis(): Promise<OwnRedis> {
  return onFreePort(ownRedisOn, (error) => error instanceof ExitedEarly);
}

async function ownRedisOn(port: number): Promise<OwnRedis> {
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
    const running = child;
    const answered = (async () => {
      for (let i = 0; i < 200; i += 1) {
        if (await answers(url, running.pid)) return;
        if (running.exitCode !== null || running.signalCode !== null)
          throw new ExitedEarly(`${BINARY} on port ${port} exited before it answered`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`${BINARY} on port ${port} did not answer within 10 s`);
    })();
    await Promise.race([answered, failed]);
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
