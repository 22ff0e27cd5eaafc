/**
 * What the room benchmarks share: a TypeScript worker thread, a timeout around a promise, the host's listening line,
 * and the check of every learner edit against what the host has on disk (read with the host's own loader).
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import { DocLog } from '../electron/host/room/docLog';

const log = (line: string) => process.stderr.write(`${line}\n`);

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)),
  );
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A worker thread running a TypeScript module. Node 20 does not run the parent's `--import tsx` in a worker, so the
 * thread registers tsx's hooks itself before importing the module; a failure to load comes out as its 'error'.
 */
export function tsWorker(module: URL, workerData: unknown): Worker {
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const code = `import(${tsx}).then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(code, { eval: true, workerData });
}

export interface HostLine {
  url: string;
  room: string;
  facilitatorUrl: string;
  sessionId: string;
  dataDir: string;
}

/**
 * Every learner edit the host has on disk, checked against the edits made. Run after the host has stopped, with the
 * host's own loader (DocLog: snapshot, sealed segments, log; checksums; what a restarted host would read), so the
 * bench never depends on the file format. `damaged`: files the loader found damaged (it keeps a copy of each).
 */
export async function checkDisk(
  dataDir: string,
  sessionId: string,
  editIds: Map<string, string[]>,
): Promise<{ missing: number; total: number; records: number; damaged: number }> {
  const docLog = new DocLog(join(dataDir, 'sessions', sessionId), { report: (message) => log(`[disk] ${message}`) });
  try {
    const { records, damaged } = docLog.load();
    for (const damage of damaged) log(`[disk] damaged: ${damage.file} at byte ${damage.offset} (${damage.reason})`);
    const docs = new Map<string, Y.Doc>();
    for (const record of records) {
      let doc = docs.get(record.doc);
      if (!doc) docs.set(record.doc, (doc = new Y.Doc()));
      Y.applyUpdate(doc, record.update);
    }
    let missing = 0;
    let total = 0;
    for (const [name, ids] of editIds) {
      const onDisk = new Set((docs.get(name)?.getText('t').toString() ?? '').split('|'));
      total += ids.length;
      missing += ids.filter((id) => !onDisk.has(id)).length;
    }
    return { missing, total, records: records.length, damaged: damaged.length };
  } finally {
    await docLog.close();
  }
}
