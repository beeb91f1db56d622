/**
 * Ports for servers the tests start. A port found free is released before the server binds it, so
 * a parallel test file's listener can take it in between: `onFreePort` then starts again elsewhere.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A port nothing listens on now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * `start` on a free port; where it fails because the port was taken meanwhile (`taken` says so),
 * again on another, at most `attempts` times.
 */
export async function onFreePort<T>(
  start: (port: number) => Promise<T>,
  taken: (error: unknown) => boolean,
  attempts = 5,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start(await freePort());
    } catch (error) {
      if (!taken(error) || attempt >= attempts) throw error;
    }
  }
}
