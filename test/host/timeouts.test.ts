import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startTestHost } from './fixtures/host.js';
import { startFakeUpstream } from './fixtures/upstream.js';

describe('header timeout', () => {
  it('a client that never finishes its headers gets 408 and is disconnected', async () => {
    const upstream = await startFakeUpstream();
    const host = await startTestHost({
      upstreamOrigin: upstream.origin,
      env: { JUMPCLOUD_MCP_HEADERS_TIMEOUT_MS: '1000', JUMPCLOUD_MCP_REQUEST_TIMEOUT_MS: '1000' },
    });
    const { port } = new URL(host.origin);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('POST /v1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n');
      });
      let received = '';
      socket.on('data', (chunk) => (received += String(chunk)));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    await host.close();
    await upstream.close();
  });
});
