import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { McpApp } from './app.js';

/** The server could not listen on the configured host and port (`code` from the OS: EADDRINUSE...). */
export class ListenError extends Error {
  readonly code: string | undefined;
  readonly host: string;
  readonly port: number;
  constructor({ cause, host, port }: { cause: NodeJS.ErrnoException; host: string; port: number }) {
    super(`cannot listen on ${host}:${port}: ${cause.message}`, { cause });
    this.name = 'ListenError';
    this.code = cause.code;
    this.host = host;
    this.port = port;
  }
}

export interface RunningServer {
  server: Server;
  /** e.g. http://127.0.0.1:8080 */
  origin: string;
  /** Stops accepting, lets in-flight calls finish (up to the grace period), then closes everything. */
  close(): Promise<void>;
}

/** Listens with the configured timeouts and returns a handle for graceful shutdown. */
export async function listen({
  mcpApp,
  config,
  logger,
}: {
  mcpApp: McpApp;
  config: Pick<
    Config,
    'host' | 'port' | 'headersTimeoutMs' | 'requestTimeoutMs' | 'shutdownGraceMs'
  >;
  logger: Logger;
}): Promise<RunningServer> {
  const server = createServer(
    {
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      // Check for slow clients every second rather than Node's default 30 s.
      connectionsCheckingInterval: 1_000,
    },
    mcpApp.app.callback(),
  );
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    const fail = (cause: NodeJS.ErrnoException) =>
      reject(new ListenError({ cause, host: config.host, port: config.port }));
    server.once('error', fail);
    server.listen(config.port, config.host, () => {
      server.off('error', fail);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const origin = `http://${host}:${address.port}`;
  mcpApp.setReady(true);

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      mcpApp.setReady(false);
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), config.shutdownGraceMs);
      });
      const result = await Promise.race([
        mcpApp.calls.drained().then(() => 'drained' as const),
        grace,
      ]);
      clearTimeout(timer);
      if (result === 'timeout')
        logger.warn(
          { inFlight: mcpApp.calls.count },
          'shutdown grace period over; closing remaining calls',
        );
      mcpApp.sessions?.closeAll();
      server.closeAllConnections();
      await stopped;
    })();
    return closing;
  };
  return { server, origin, close };
}
