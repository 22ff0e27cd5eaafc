/**
 * Per document, a promise that resolves when the document has received the room's state, renewed after every
 * disconnect (so `whenSynced` always means "since the current connection").
 */
interface Signal {
  promise: Promise<void>;
  resolve: () => void;
  done: boolean;
}

export class SyncSignals {
  private readonly signals = new Map<string, Signal>();

  /** The promise for `name` (created on first use). */
  whenSynced(name: string): Promise<void> {
    return this.signal(name).promise;
  }

  /** Whether the room's state for `name` has arrived since the current connection opened. */
  isSynced(name: string): boolean {
    return this.signals.get(name)?.done ?? false;
  }

  /** The room's state for `name` has arrived. */
  mark(name: string): void {
    const signal = this.signal(name);
    if (signal.done) return;
    signal.done = true;
    signal.resolve();
  }

  /** The connection is gone: every document waits for the room again. */
  resetAll(): void {
    for (const signal of this.signals.values()) if (signal.done) renew(signal);
  }

  private signal(name: string): Signal {
    let signal = this.signals.get(name);
    if (!signal) {
      signal = { promise: Promise.resolve(), resolve: () => undefined, done: false };
      renew(signal);
      this.signals.set(name, signal);
    }
    return signal;
  }
}

function renew(signal: Signal): void {
  signal.done = false;
  signal.promise = new Promise((resolve) => (signal.resolve = resolve));
}
