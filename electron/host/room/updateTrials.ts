/**
 * Learner updates are tried in a worker thread before the main thread applies them, so that an update that costs
 * too much (a crafted one: Yjs integrates many concurrent inserts at one place in quadratic time, and that cost can
 * build up across updates where no single-update check sees it) cannot stall the room: only an update whose trial
 * finished within the budget is applied on the main thread, so the main loop's stall per update is about the budget.
 *
 * Owns: one worker per room (updateTrialWorker.ts) holding a replica of the documents it was asked about — seeded
 * lazily with the main thread's full state, then fed every change the main thread applies (host changes too), in
 * order; the queue of trials (one at a time; each connection's in the order sent, connections taking turns, so one
 * that sends many cannot hold the others' back);
 * the time budget of a trial (over it: the worker is terminated, its replica discarded, the update refused as
 * `too-costly`, and a fresh worker started and reseeded when next needed); and each connection's trial time over the
 * last second (over its CPU budget: refused as `rate-limited`, which the client resends later).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import type { FromWorker, ToWorker, TrialVerdict } from './updateTrialWorker';

/** How much longer than its CPU limit a trial may take in wall time while the machine is busy elsewhere. */
const WALL_FACTOR = 10;
const cpuMs = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000;

export type { TrialVerdict } from './updateTrialWorker';

export interface TrialOptions {
  /**
   * Most CPU a single trial may use before the worker is replaced and the update refused: `budgetMs`, plus
   * `perKiBMs` per KiB of the update (honest work is linear in the bytes; crafted work is not), at most `maxBudgetMs`
   * (in wall time at most WALL_FACTOR times that, when other programs keep the cores busy).
   */
  budgetMs: number;
  perKiBMs: number;
  maxBudgetMs: number;
  /**
   * Longest the update may take to APPLY (measured in the worker: wall time, or the host's CPU time meanwhile if
   * less — updateTrialWorker.ts applyMs) for the main thread to apply it too: the main loop
   * would stall that long. `applyMs` plus `applyPerKiBMs` per KiB (a large honest paste or picture is linear in its
   * bytes). Over it twice (once may be a busy machine: it is tried again on a fresh replica), it is refused.
   */
  applyMs: number;
  applyPerKiBMs: number;
  /** Trial time one connection may use in any second. */
  cpuMsPerSecond: number;
  /** Updates one connection may have waiting for a trial. */
  maxQueued: number;
  /** Most CPU loading a stored document may take in the worker before it is set aside instead (vetLoad). */
  loadBudgetMs: number;
  /** Starts a worker (tests replace it); the real one by default. */
  startWorker?: () => Worker;
}

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** The defaults, which `WK_UPDATE_BUDGET_MS` and `WK_UPDATE_CPU_MS_PER_SECOND` override. */
export function defaultTrialOptions(): TrialOptions {
  return {
    budgetMs: envNumber('WK_UPDATE_BUDGET_MS', 100),
    perKiBMs: 2,
    maxBudgetMs: 500,
    applyMs: envNumber('WK_UPDATE_APPLY_MS', 40),
    applyPerKiBMs: 0.02,
    cpuMsPerSecond: envNumber('WK_UPDATE_CPU_MS_PER_SECOND', 100),
    maxQueued: 1000,
    loadBudgetMs: envNumber('WK_LOAD_BUDGET_MS', 500),
  };
}

interface Trial {
  id: number;
  /** Times it ran over the budget: once may be a busy machine (it is tried again on a fresh worker), twice is not. */
  overruns: number;
  owner: object;
  doc: string;
  update: Uint8Array;
  state: () => Y.Doc;
  resolve: (verdict: TrialVerdict) => void;
}

interface Spent {
  at: number;
  ms: number;
}

/**
 * The worker: the built file next to the bundle, or, running from source (tsx, vitest), its TypeScript source
 * loaded through tsx's API (Node 20 does not apply `--import tsx` to a worker's own entry).
 */
export function startWorker(): Worker {
  const here = import.meta.url;
  if (!/\.ts$/.test(here)) return new Worker(new URL('./updateTrialWorker.js', here));
  const source = new URL('./updateTrialWorker.ts', here).href;
  const api = pathToFileURL(
    createRequire(here)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  return new Worker(
    `import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)}));`,
    { eval: true },
  );
}

export class UpdateTrials {
  private worker: Worker | null = null;
  /** Documents the current worker has a replica of. */
  private readonly seeded = new Set<string>();
  /** Waiting trials per connection, connections in turn order (the one served goes to the back). */
  private readonly queues = new Map<object, Trial[]>();
  private current: Trial | null = null;
  private timer: NodeJS.Timeout | null = null;
  private ids = 0;
  /** The document a trialled update is being applied to on the main thread (its replica has it already). */
  private applying: string | null = null;
  private readonly spent = new WeakMap<object, Spent[]>();
  private readonly waiting = new WeakMap<object, number>();
  private closed = false;
  /** A worker has run (so workers can start here); `broken`: none could (see unavailable()). */
  private everStarted = false;
  private broken = false;
  /** The worker of vetLoad (its own: a trial in progress must not delay a load, nor a load a trial). */
  private vetter: Worker | null = null;
  /** Workers terminated for running over the budget (for tests and the host's report). */
  overruns = 0;

  constructor(readonly options: TrialOptions = defaultTrialOptions()) {
    // Started now, so that it is ready (its code loaded) when a load is first vetted: that wait blocks.
    this.vetter = this.newVetter();
  }

  /** A worker that does not keep the process alive. */
  private spawn(): Worker {
    const worker = (this.options.startWorker ?? startWorker)();
    worker.unref();
    return worker;
  }

  private newVetter(): Worker {
    const worker = this.spawn();
    worker.on('error', (error) => {
      if (!this.everStarted) this.unavailable(error.message);
    });
    return worker;
  }

  /** Tries `update` to document `name` (whose main-thread state is `state()`) for `owner`, after its earlier ones. */
  try(owner: object, name: string, update: Uint8Array, state: () => Y.Doc): Promise<TrialVerdict> {
    if (this.closed) return Promise.resolve({ ok: false, reason: 'internal', message: 'the room is closing' });
    if (this.broken) return Promise.resolve({ ok: true });
    const waiting = this.waiting.get(owner) ?? 0;
    if (waiting >= this.options.maxQueued) return Promise.resolve(rateLimited());
    this.waiting.set(owner, waiting + 1);
    return new Promise((resolve) => {
      const trial: Trial = { id: ++this.ids, overruns: 0, owner, doc: name, update, state, resolve };
      const queue = this.queues.get(owner);
      if (queue) queue.push(trial);
      else this.queues.set(owner, [trial]);
      this.next();
    });
  }

  /** Whether `owner` has updates waiting for (or in) a trial. */
  pending(owner: object): boolean {
    return (this.waiting.get(owner) ?? 0) > 0;
  }

  /** Whether any update to `name` is waiting for (or in) a trial. */
  busyWith(name: string): boolean {
    if (this.current?.doc === name) return true;
    for (const queue of this.queues.values()) if (queue.some((t) => t.doc === name)) return true;
    return false;
  }

  /** Runs `apply` (the main thread applying an update that passed its trial) without mirroring it back. */
  applyTried<T>(name: string, apply: () => T): T {
    this.applying = name;
    try {
      return apply();
    } finally {
      this.applying = null;
    }
  }

  /** Every change the main thread applied to `name`, in order: the replica follows it. */
  changed(name: string, update: Uint8Array): void {
    if (name === this.applying || !this.worker || !this.seeded.has(name)) return;
    this.post({ t: 'change', doc: name, update });
  }

  /** The replica of `name` may differ from the main thread's (or the document was unloaded): drop it. */
  forget(name: string): void {
    if (!this.worker || !this.seeded.delete(name)) return;
    this.post({ t: 'drop', doc: name });
  }

  /**
   * Loads a document's stored updates in a worker first, the main thread waiting (blocked) for at most the load
   * budget of CPU time (WALL_FACTOR times that in wall time while other programs keep the cores busy): true when it
   * loaded within it. Blocking is the point — the caller needs the document now, and the wait is
   * bounded, where loading a crafted document on the main thread was not. Over the budget, that worker is discarded.
   */
  vetLoad(updates: Uint8Array[]): boolean {
    if (this.closed || this.broken) return true;
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const worker = (this.vetter ??= this.newVetter());
    worker.postMessage({ t: 'vet', updates, signal: signal.buffer } satisfies ToWorker);
    // Starting a worker (loading its code) is not part of the budget; without one, the main thread loads as before.
    if (Atomics.wait(signal, 0, 0, VET_START_MS) === 'timed-out') {
      this.unavailable(`none started within ${VET_START_MS / 1000} s`);
      return true;
    }
    this.everStarted = true;
    // The budget is CPU time, not wall time (as for trials): on a laptop busy with other programs the worker waits for
    // a core, and an honest document must not be set aside for the rest of the session for that. While this process
    // has used less than the budget since the load started (all its threads count, and this one is blocked here),
    // wait on, up to WALL_FACTOR × the budget in wall time.
    const budget = this.options.loadBudgetMs;
    const cpuAtStart = process.cpuUsage();
    const hardStop = performance.now() + budget * WALL_FACTOR;
    for (let wait = budget; ; ) {
      if (Atomics.wait(signal, 0, 2, wait) !== 'timed-out') return true;
      const used = cpuMs(process.cpuUsage(cpuAtStart));
      const left = hardStop - performance.now();
      if (used >= budget || left <= 0) break;
      wait = Math.min(left, Math.max(5, budget - used));
    }
    void worker.terminate();
    this.vetter = this.newVetter();
    return false;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.vetter) await this.vetter.terminate();
    this.vetter = null;
    for (const queue of this.queues.values())
      for (const trial of queue) trial.resolve({ ok: false, reason: 'internal', message: 'the room is closing' });
    this.queues.clear();
    if (this.current) this.finish(this.current, { ok: false, reason: 'internal', message: 'the room is closing' }, 0);
    await this.retire();
  }

  private post(message: ToWorker): void {
    this.worker!.postMessage(message);
  }

  private next(): void {
    while (!this.current && !this.closed) {
      const trial = this.take();
      if (!trial) return;
      if (this.broken) {
        this.settle(trial, { ok: true });
        continue;
      }
      if (this.usedLastSecond(trial.owner) > this.options.cpuMsPerSecond) {
        this.settle(trial, rateLimited());
        continue;
      }
      this.current = trial;
      const worker = this.ensureWorker();
      if (!this.seeded.has(trial.doc)) {
        worker.postMessage({ t: 'seed', doc: trial.doc, state: Y.encodeStateAsUpdate(trial.state()) } satisfies ToWorker);
        this.seeded.add(trial.doc);
      }
      worker.postMessage({ t: 'trial', id: trial.id, doc: trial.doc, update: trial.update } satisfies ToWorker);
    }
  }

  /** The next trial: the first waiting of the connection whose turn it is. */
  private take(): Trial | undefined {
    for (const [owner, queue] of this.queues) {
      const trial = queue.shift()!;
      this.queues.delete(owner);
      if (queue.length > 0) this.queues.set(owner, queue);
      return trial;
    }
    return undefined;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.spawn();
    worker.on('message', (message: FromWorker) => {
      if (worker === this.worker) this.received(message);
    });
    worker.on('error', (error) => {
      if (worker !== this.worker) return;
      if (!this.everStarted) {
        this.unavailable(error.message);
        return this.replace({ ok: true }, 0);
      }
      this.replace(
        { ok: false, reason: 'internal', message: `the host could not check this change (${error.message}); it is sent again` },
        0,
      );
    });
    worker.on('exit', () => {
      if (worker === this.worker)
        this.replace({ ok: false, reason: 'internal', message: 'the host could not check this change; it is sent again' }, 0);
    });
    this.worker = worker;
    return worker;
  }

  /**
   * No worker can start here (a packaging problem, say): updates are applied directly on the main thread, as before
   * trials existed (the pre-pass still bounds each one), rather than refused forever. Said once on stderr.
   */
  private unavailable(why: string): void {
    if (this.broken) return;
    this.broken = true;
    process.stderr.write(`host: the worker that checks learner updates cannot start (${why}); updates are applied without that check\n`);
  }

  private received(message: FromWorker): void {
    this.everStarted = true;
    const trial = this.current;
    if (!trial || message.id !== trial.id) return;
    if (message.t === 'start') {
      const { budgetMs, perKiBMs, maxBudgetMs } = this.options;
      const limit = Math.round(Math.max(budgetMs, Math.min(maxBudgetMs, budgetMs + (trial.update.length / 1024) * perKiBMs)));
      // The limit is CPU time, not wall time: when the timer fires and this process has not used `limit` ms of CPU
      // since the trial started (all its threads count, so never less than the worker's share), the laptop was busy
      // with other programs and the worker waited for a core: wait on, up to WALL_FACTOR × the limit.
      const cpuAtStart = process.cpuUsage();
      const hardStop = performance.now() + limit * WALL_FACTOR;
      const check = () => {
        const used = cpuMs(process.cpuUsage(cpuAtStart));
        if (used < limit && performance.now() < hardStop) {
          this.timer = setTimeout(check, Math.max(5, limit - used));
          return;
        }
        this.overruns++;
        if (++trial.overruns < 2) return this.retry(trial, limit);
        // Replacing the worker costs more than the trial: the sender waits out a second before its next one.
        this.replace(tooCostly(limit), Math.max(limit, this.options.cpuMsPerSecond));
      };
      this.timer = setTimeout(check, limit);
      return;
    }
    if (message.dropped) this.seeded.delete(trial.doc);
    const applyLimit = this.options.applyMs + (trial.update.length / 1024) * this.options.applyPerKiBMs;
    if (message.verdict.ok && message.ms > applyLimit) {
      // It applied, but slowly: the main thread would stall as long. The replica has it and the room will not: drop it.
      this.forget(trial.doc);
      if (++trial.overruns < 2) return this.again(trial, message.ms);
      return this.finish(trial, tooCostly(Math.round(applyLimit)), message.ms);
    }
    this.finish(trial, message.verdict, message.ms);
  }

  /** The worker ran over (or failed): the current trial is refused, the worker and its replicas discarded. */
  private replace(verdict: TrialVerdict, ms: number): void {
    const trial = this.current;
    void this.retire();
    if (trial) this.finish(trial, verdict, ms);
  }

  /** Discards the worker and tries `trial` again first, on a fresh one. */
  private retry(trial: Trial, ms: number): void {
    void this.retire();
    this.again(trial, ms);
  }

  /** Tries `trial` again, at its connection's next turn. */
  private again(trial: Trial, ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.current = null;
    this.charge(trial.owner, ms);
    const queue = this.queues.get(trial.owner) ?? [];
    this.queues.delete(trial.owner);
    this.queues.set(trial.owner, [trial, ...queue]); // its turn again, last
    this.next();
  }

  private async retire(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.seeded.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (worker) await worker.terminate();
  }

  private finish(trial: Trial, verdict: TrialVerdict, ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.current = null;
    this.charge(trial.owner, ms);
    this.settle(trial, verdict);
    this.next();
  }

  private charge(owner: object, ms: number): void {
    const spent = this.spent.get(owner) ?? [];
    spent.push({ at: Date.now(), ms });
    this.spent.set(owner, spent);
  }

  private settle(trial: Trial, verdict: TrialVerdict): void {
    const waiting = (this.waiting.get(trial.owner) ?? 1) - 1;
    if (waiting > 0) this.waiting.set(trial.owner, waiting);
    else this.waiting.delete(trial.owner);
    trial.resolve(verdict);
  }

  private usedLastSecond(owner: object): number {
    const spent = this.spent.get(owner);
    if (!spent) return 0;
    const since = Date.now() - 1000;
    while (spent.length > 0 && spent[0]!.at < since) spent.shift();
    return spent.reduce((sum, s) => sum + s.ms, 0);
  }
}

const VET_START_MS = 30_000;

function tooCostly(budgetMs: number): TrialVerdict {
  return {
    ok: false,
    reason: 'too-costly',
    message: `this change took the host more than ${budgetMs} ms to apply, so it is refused and not kept — reload the page if this keeps happening`,
  };
}

function rateLimited(): TrialVerdict {
  return {
    ok: false,
    reason: 'rate-limited',
    message: 'this device is sending changes faster than the host can check them; they are sent again in a moment',
  };
}
