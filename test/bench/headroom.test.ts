/**
 * bench/report.ts `headroom`: what 1.5x the peer's calls per second asks of a call at c=1, from a
 * row of section 7 whose calls were split at the servers' system calls.
 */
import { describe, expect, it } from 'vitest';
import { headroom } from '../../bench/report.js';
import type { PeerCell, PeerRow } from '../../bench/sections/peers.js';
import type { CallParts } from '../../bench/critical-path.js';

const cell = (rps: number): PeerCell => ({
  rps,
  p50Ms: 1,
  p99Ms: 2,
  cpuUs: 100,
  requests: 1000,
  resultBytes: 1000,
});
const parts = (requestMs: number, answerMs: number): CallParts => ({
  calls: 500,
  requestMs,
  upstreamMs: 0.2,
  answerMs,
  clientMs: 0.35,
});

describe('headroom', () => {
  it('gives the time per call 1.5x asks for, the cut to it and the own parts beside the bare proxy', () => {
    const row: PeerRow = {
      case: 'user_get',
      connections: 1,
      servers: { 'jumpcloud-mcp': cell(1000), 'openapi-mcp-server': cell(800) },
      parts: { 'jumpcloud-mcp': parts(0.16, 0.12), 'bare-proxy': parts(0.06, 0.08) },
    };
    const [found, ...rest] = headroom([row]);
    expect(rest).toEqual([]);
    expect(found!.case).toBe('user_get');
    expect(found!.ourUs).toBeCloseTo(1000);
    expect(found!.peerUs).toBeCloseTo(1250);
    // 1.5x the peer's 800 calls/s is 1,200 calls/s: 833.3 us per call, 166.7 us above this one's.
    expect(found!.aimUs).toBeCloseTo(833.33, 1);
    expect(found!.cutUs).toBeCloseTo(166.67, 1);
    expect(found!.ownUs).toBeCloseTo(280);
    expect(found!.bareOwnUs).toBeCloseTo(140);
  });

  it('reads a met aim as a negative cut, and leaves out rows it cannot judge', () => {
    const met: PeerRow = {
      case: 'users_list',
      connections: 1,
      servers: { 'jumpcloud-mcp': cell(700), 'openapi-mcp-server': cell(400) },
      parts: { 'jumpcloud-mcp': parts(0.2, 0.5) },
    };
    const atThirtyTwo: PeerRow = { ...met, case: 'user_get', connections: 32 };
    const untraced: PeerRow = { ...met, case: 'tools/list', parts: undefined };
    const noPeer: PeerRow = { ...met, case: 'x', servers: { 'jumpcloud-mcp': cell(700) } };
    const found = headroom([met, atThirtyTwo, untraced, noPeer]);
    expect(found.map((h) => h.case)).toEqual(['users_list']);
    expect(found[0]!.cutUs).toBeLessThan(0);
    expect(found[0]!.bareOwnUs).toBeUndefined();
    // Another aim moves the time asked for with it.
    expect(headroom([met], 2)[0]!.aimUs).toBeCloseTo(1250);
  });
});
