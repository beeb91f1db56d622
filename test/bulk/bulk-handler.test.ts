/** The bulk runner on its own: bounded concurrency, order, failures per id, cancellation. */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { bulkHandler, eachTarget } from '../../src/bulk/bulk-handler.js';
import { mapLimit } from '../../src/bulk/map-limit.js';
import type { ToolDeps } from '../../src/registry/types.js';
import { ToolError } from '../../src/upstream/errors.js';

function deps(controller = new AbortController()): ToolDeps & { seen: number[] } {
  const seen: number[] = [];
  return {
    api: {},
    signal: controller.signal,
    ctx: {
      requestId: 'r',
      principal: {} as ToolDeps['ctx']['principal'],
      clientName: 'test',
      logger: pino({ level: 'silent' }),
    },
    progress: ({ progress }) => seen.push(progress),
    seen,
  };
}

const ids = ['a1', 'b2', 'c3', 'd4', 'e5', 'f6', 'g7'];

describe('mapLimit(items, limit, fn)', () => {
  it('keeps at most limit calls in flight and returns results in item order', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await mapLimit(ids, 3, async (id, i) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return `${i}:${id}`;
    });
    expect(most).toBe(3);
    expect(out).toEqual(ids.map((id, i) => `${i}:${id}`));
  });

  it('starts nothing after a call throws, and throws that error', async () => {
    const started: string[] = [];
    await expect(
      mapLimit(ids, 1, async (id) => {
        started.push(id);
        if (id === 'b2') throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual(['a1', 'b2']);
  });
});

describe('eachTarget({ ids, kind, deps, run })', () => {
  it('reports each id: done, failed with the ToolError text, failed without internals otherwise', async () => {
    const d = deps();
    const out = await eachTarget({
      ids: ids.slice(0, 4),
      kind: 'user',
      deps: d,
      run: async (id) => {
        if (id === 'b2') throw new ToolError('JumpCloud refused it (403).');
        if (id === 'c3') throw new TypeError('secret internals');
      },
    });
    expect(out).toEqual([
      { kind: 'user', id: 'a1', status: 'done' },
      { kind: 'user', id: 'b2', status: 'failed', reason: 'JumpCloud refused it (403).' },
      { kind: 'user', id: 'c3', status: 'failed', reason: 'The request failed unexpectedly.' },
      { kind: 'user', id: 'd4', status: 'done' },
    ]);
    expect(d.seen).toEqual([1, 2, 3, 4]);
  });

  it('sends nothing after a cancellation: the ids not started are not_sent', async () => {
    const controller = new AbortController();
    const d = deps(controller);
    const sent: string[] = [];
    const out = await eachTarget({
      ids,
      kind: 'device',
      deps: d,
      concurrency: 2,
      run: async (id) => {
        sent.push(id);
        if (id === 'b2') controller.abort();
      },
    });
    expect(sent).toEqual(['a1', 'b2']);
    expect(out.map((o) => o.status)).toEqual(['done', 'done', ...Array(5).fill('not_sent')]);
  });
});

describe('bulkHandler({ idArg, idsArg, kind, one, many })', () => {
  const calls: unknown[] = [];
  const handler = bulkHandler<{ id?: string; ids?: string[]; pin?: string }, unknown, 'id'>({
    idArg: 'id',
    idsArg: 'ids',
    kind: 'user',
    one: async (args) => {
      calls.push(args);
      return { single: args.id };
    },
  });

  it('is the tool handler itself for one id', async () => {
    calls.length = 0;
    expect(await handler({ id: 'a1', pin: '1' }, deps())).toEqual({ single: 'a1' });
    expect(calls).toEqual([{ id: 'a1', pin: '1' }]);
  });

  it('runs it once per id of ids, with the other arguments, and names each outcome', async () => {
    calls.length = 0;
    const d = { ...deps(), targets: [{ kind: 'user', id: 'b2', name: 'jdoe' }] };
    const out = await handler({ ids: ['a1', 'b2'], pin: '1' }, d);
    expect(calls).toEqual([
      { pin: '1', id: 'a1' },
      { pin: '1', id: 'b2' },
    ]);
    expect(out).toEqual({
      done: 2,
      outcomes: [
        { kind: 'user', id: 'a1', status: 'done' },
        { kind: 'user', id: 'b2', name: 'jdoe', status: 'done' },
      ],
    });
  });
});
