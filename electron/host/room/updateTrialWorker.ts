/**
 * The worker thread of updateTrials.ts: a replica of some of one room's documents, on which each learner update is
 * tried before the main thread applies it. If a trial runs too long the main thread terminates this worker, so
 * nothing here needs to be interruptible.
 *
 * Owns: the replica (seeded with a document's full state, then fed every change the main thread applied, in order)
 * and the trial itself (the same checks as the main thread: updateCheck.ts, then apply, then take back anything
 * pending). A document whose replica may differ from the main thread's (a trial applied in part) is dropped here
 * and reseeded by the main thread when next needed.
 *
 * Messages in (in order): seed {doc, state}, change {doc, update}, drop {doc}, trial {id, doc, update}; and, on a
 * worker of its own, vet {updates, signal}: a document's stored updates loaded as the main thread would load them,
 * while the main thread waits on `signal` (Atomics) with a time budget.
 * Messages out: start {id} just before a trial is applied (the main thread's budget timer starts there), then
 * result {id, ok, reason?, message?, ms, dropped}.
 */
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { checkUpdate, takeBackPending, type UpdateVerdict } from './updateCheck';
import { loadStored } from './storedLoad';

export type ToWorker =
  | { t: 'seed'; doc: string; state: Uint8Array }
  | { t: 'change'; doc: string; update: Uint8Array }
  | { t: 'drop'; doc: string }
  | { t: 'trial'; id: number; doc: string; update: Uint8Array }
  /** Load these stored updates into a throw-away document; `signal[0]` goes 0 → 2 (started) → 1 (done). */
  | { t: 'vet'; updates: Uint8Array[]; signal: SharedArrayBuffer };

export type TrialVerdict = UpdateVerdict | { ok: false; reason: 'internal' | 'rate-limited'; message: string };

export type FromWorker = { t: 'start'; id: number } | { t: 'result'; id: number; verdict: TrialVerdict; ms: number; dropped: boolean };

const docs = new Map<string, Y.Doc>();

function trial(name: string, update: Uint8Array): { verdict: TrialVerdict; dropped: boolean } {
  const doc = docs.get(name);
  if (!doc)
    return {
      verdict: { ok: false, reason: 'internal', message: 'the host could not check this change this time; it is sent again' },
      dropped: true,
    };
  const before = checkUpdate(doc, update);
  if (!before.ok) return { verdict: before, dropped: false };
  try {
    Y.applyUpdate(doc, update);
  } catch (error) {
    docs.delete(name);
    return {
      verdict: { ok: false, reason: 'malformed', message: `not a valid document update (${(error as Error).message})` },
      dropped: true,
    };
  }
  const after = takeBackPending(doc);
  if (after.ok) return { verdict: after, dropped: false };
  docs.delete(name);
  return { verdict: after, dropped: true };
}

function handle(message: ToWorker): void {
  try {
    receive(message);
  } catch {
    // A seed or change that does not apply (it came from the main thread's own document, so this is not expected):
    // forget the document; its next trial says so and the main thread seeds it again.
    if (message.t === 'seed' || message.t === 'change' || message.t === 'drop') docs.delete(message.doc);
  }
}

function receive(message: ToWorker): void {
  switch (message.t) {
    case 'seed': {
      const doc = new Y.Doc({ gc: true });
      Y.applyUpdate(doc, message.state);
      docs.set(message.doc, doc);
      return;
    }
    case 'change': {
      const doc = docs.get(message.doc);
      if (doc) Y.applyUpdate(doc, message.update);
      return;
    }
    case 'drop':
      docs.get(message.doc)?.destroy();
      docs.delete(message.doc);
      return;
    case 'vet': {
      const signal = new Int32Array(message.signal);
      Atomics.store(signal, 0, 2);
      Atomics.notify(signal, 0);
      const doc = new Y.Doc();
      loadStored(doc, message.updates, null, () => undefined);
      doc.destroy();
      Atomics.store(signal, 0, 1);
      Atomics.notify(signal, 0);
      return;
    }
    case 'trial': {
      parentPort!.postMessage({ t: 'start', id: message.id } satisfies FromWorker);
      const started = performance.now();
      const cpu = process.cpuUsage();
      const { verdict, dropped } = trial(message.doc, message.update);
      parentPort!.postMessage({
        t: 'result',
        id: message.id,
        verdict,
        ms: applyMs(performance.now() - started, process.cpuUsage(cpu)),
        dropped,
      } satisfies FromWorker);
      return;
    }
  }
}

/**
 * Runs Yjs's integration a few times before the first trial, so that a fresh worker's first trials are not measured
 * while its code is still cold (several times slower), which would refuse honest updates as too costly.
 */
function warmUp(): void {
  const author = new Y.Doc();
  author.transact(() => {
    for (let i = 0; i < 500; i++) {
      author.getText('t').insert(i % 7, 'warm', i % 3 ? { bold: true } : {});
      author.getMap('m').set(`k${i % 50}`, i);
      author.getArray('a').insert(0, [new Uint8Array([i & 0xff]), { i }]);
    }
    author.getText('t').delete(0, 100);
  });
  const update = Y.encodeStateAsUpdate(author);
  for (let i = 0; i < 5; i++) {
    const doc = new Y.Doc();
    checkUpdate(doc, update);
    Y.applyUpdate(doc, update);
    Y.encodeStateAsUpdate(doc);
  }
}

warmUp();
parentPort?.on('message', (message: ToWorker) => handle(message));

/**
 * How long an apply took, for the apply-time limit: the wall time, or the CPU this process used meanwhile if that
 * is less. The CPU count covers every thread of the host (so it is never less than the apply's own cost: an
 * expensive update is still caught), but not other programs: when the laptop is busy elsewhere, an honest update
 * whose wall time stretched while it waited for a core is not refused for it.
 */
export function applyMs(wallMs: number, cpu: NodeJS.CpuUsage): number {
  return Math.min(wallMs, (cpu.user + cpu.system) / 1000);
}
