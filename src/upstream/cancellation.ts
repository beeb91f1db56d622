/**
 * Cancellation without an AbortController per call. Node makes each AbortSignal as an EventTarget
 * whose prototype it then sets, and each listener on it through the EventTarget machinery; a tool
 * call and each of its upstream requests used to make one. Here a call's cancellation and each
 * request's deadline are plain objects with a list of listeners, and the AbortSignal that follows
 * one is made only when some code asks for it (a timer of node:timers/promises, the SDK, a handler
 * that reads `deps.signal`).
 */

/** What the upstream edge reads of a signal: an AbortSignal has all of it, and so has a CancelSource. */
export interface Cancellation {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** A tool call's cancellation: read as a Cancellation, or as the AbortSignal that follows it. */
export interface CallCancellation extends Cancellation {
  readonly signal: AbortSignal;
}

/**
 * A cancellation its holder aborts. Listeners run once, in the order they were added, when it
 * aborts; one added after that is not called (the caller reads `aborted` first, as with a signal).
 */
export class CancelSource implements CallCancellation {
  aborted = false;
  reason: unknown = undefined;
  #listeners: (() => void)[] | undefined;
  #controller: AbortController | undefined;

  addEventListener(_type: 'abort', listener: () => void): void {
    if (this.aborted) return;
    (this.#listeners ??= []).push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const listeners = this.#listeners;
    const at = listeners ? listeners.indexOf(listener) : -1;
    if (at >= 0) listeners!.splice(at, 1);
  }

  /** This cancellation as an AbortSignal, made when first asked for. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.aborted) this.#controller.abort(this.reason);
    }
    return this.#controller.signal;
  }

  abort(reason: unknown = new DOMException('This operation was aborted', 'AbortError')): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.#controller?.abort(reason);
    const listeners = this.#listeners;
    this.#listeners = undefined;
    if (listeners) for (const listener of listeners) listener();
  }

  /** Drops every listener: nothing is left to cancel. */
  protected clear(): void {
    this.#listeners = undefined;
  }
}

/** An AbortSignal as a tool call's cancellation (a session's call, whose signal the SDK made). */
export function signalCancellation(signal: AbortSignal): CallCancellation {
  return {
    get aborted() {
      return signal.aborted;
    },
    get reason() {
      return signal.reason as unknown;
    },
    addEventListener: (type, listener, options) => signal.addEventListener(type, listener, options),
    removeEventListener: (type, listener) => signal.removeEventListener(type, listener),
    signal,
  };
}

/** Waits `ms`, or rejects with the reason as soon as the cancellation aborts (at once if it has). */
export function pause(ms: number, cancellation?: Cancellation): Promise<void> {
  return new Promise((resolve, reject) => {
    if (cancellation?.aborted) {
      reject(cancellation.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancellation!.reason);
    };
    const timer = setTimeout(() => {
      cancellation?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    cancellation?.addEventListener('abort', onAbort, { once: true });
  });
}
