/**
 * Loading a document from its stored updates, the same way on the main thread (roomDocs.ts) and in the worker that
 * tries the load first (updateTrialWorker.ts).
 *
 * Owns: merging the updates into one before applying them (Y.mergeUpdates is linear; applied one by one in log order,
 * updates crafted so that Yjs integrates concurrent inserts in quadratic time cost that time again at every load,
 * merged Yjs integrates them in an order where each stops at once), and the fallback to one at a time, skipping what
 * does not decode, when the merge fails.
 */
import * as Y from 'yjs';

export function loadStored(doc: Y.Doc, updates: Uint8Array[], origin: unknown, skipped: (error: Error) => void): void {
  try {
    Y.applyUpdate(doc, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), origin);
    return;
  } catch {
    // One of them does not decode: apply them one at a time below.
  }
  for (const update of updates) {
    try {
      Y.applyUpdate(doc, update, origin);
    } catch (error) {
      skipped(error as Error);
    }
  }
}
