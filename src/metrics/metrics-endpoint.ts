import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { ANSWERED } from '../middleware/steps.js';
import type { Step, StepResult } from '../middleware/steps.js';

/** `GET /metrics`: the registry in Prometheus text format. */
export function metricsEndpoint(registry: Registry): Step {
  const answer = async (ctx: Parameters<Step>[0]): Promise<StepResult> => {
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
    return ANSWERED;
  };
  return (ctx) =>
    ctx.path === '/metrics' && (ctx.method === 'GET' || ctx.method === 'HEAD')
      ? answer(ctx)
      : undefined;
}

export interface MetricsListener {
  /** e.g. http://127.0.0.1:9464 */
  origin: string;
  close(): Promise<void>;
}

/** Serves only `GET /metrics` on its own port (`--metrics-port`), apart from the MCP endpoint. */
export async function listenMetrics({
  registry,
  host,
  port,
}: {
  registry: Registry;
  host: string;
  port: number;
}): Promise<MetricsListener> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: scrape GET /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    origin: `http://${shown}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
