/**
 * src/upstream/cancellation.ts: a call's cancellation with plain listeners, the AbortSignal made
 * from it on demand, and the wait that a cancellation ends.
 */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CancelSource, pause, signalCancellation } from '../../src/upstream/cancellation.js';

describe('CancelSource', () => {
  it('calls each listener once, in order, when it aborts; one removed or added after, never', () => {
    const source = new CancelSource();
    const calls: string[] = [];
    const removed = () => calls.push('removed');
    source.addEventListener('abort', () => calls.push('first'));
    source.addEventListener('abort', removed);
    source.addEventListener('abort', () => calls.push('second'));
    source.removeEventListener('abort', removed);
    source.abort();
    source.abort();
    source.addEventListener('abort', () => calls.push('late'));
    expect(calls).toEqual(['first', 'second']);
    expect(source.aborted).toBe(true);
    expect((source.reason as DOMException).name).toBe('AbortError');
  });

  it('makes its AbortSignal when asked, and the signal follows it before and after', () => {
    const before = new CancelSource();
    const signal = before.signal;
    expect(before.signal).toBe(signal);
    expect(signal.aborted).toBe(false);
    const reason = new Error('gone');
    before.abort(reason);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(reason);

    const after = new CancelSource();
    after.abort(reason);
    expect(after.signal.aborted).toBe(true);
    expect(after.signal.reason).toBe(reason);
  });
});

describe('signalCancellation()', () => {
  it('reads and listens on the AbortSignal it wraps', () => {
    const controller = new AbortController();
    const cancellation = signalCancellation(controller.signal);
    let heard = 0;
    cancellation.addEventListener('abort', () => (heard += 1), { once: true });
    expect(cancellation.aborted).toBe(false);
    controller.abort('stop');
    expect([cancellation.aborted, cancellation.reason, heard]).toEqual([true, 'stop', 1]);
    expect(cancellation.signal).toBe(controller.signal);
  });
});

describe('pause()', () => {
  it('waits its time, and leaves no listener behind', async () => {
    const controller = new AbortController();
    const started = performance.now();
    await pause(30, controller.signal);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('rejects with the reason as soon as the cancellation aborts, or at once if it has', async () => {
    const source = new CancelSource();
    const started = performance.now();
    const waiting = pause(10_000, source);
    setTimeout(() => source.abort(new Error('gone')), 20);
    await expect(waiting).rejects.toThrow('gone');
    expect(performance.now() - started).toBeLessThan(5_000);
    await expect(pause(10_000, source)).rejects.toThrow('gone');
  });
});
