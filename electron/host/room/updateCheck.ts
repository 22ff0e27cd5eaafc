/**
 * What the host checks in a learner's Yjs update before and after applying it, so that it never acknowledges an
 * update it could not integrate:
 * - before: one linear pass over the update's structs (Y.decodeUpdate) — sub-documents are refused (one could grow
 *   the host's memory without bound), and an update that starts past what the host has of one of its clients (a gap:
 *   the changes in between were lost or not sent yet) is refused as missing dependencies;
 * - after: anything Yjs still had to park as pending (a reference to another client's change the host does not
 *   have) is taken back out of the document and the update is refused the same way. The sender keeps it and sends it
 *   again once the repair (every client answers the host's sync step 1 with what the host lacks) has filled the gap.
 * Either way nothing partial is acknowledged and the host never keeps a pile of pending structs.
 */
import * as Y from 'yjs';

export type UpdateVerdict = { ok: true } | { ok: false; reason: 'missing-dependencies' | 'forbidden' | 'malformed'; message: string };

/** Checks an update against the document it is for, without applying it. Throws nothing. */
export function checkUpdate(doc: Y.Doc, update: Uint8Array): UpdateVerdict {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    return { ok: false, reason: 'malformed', message: `not a valid document update (${(error as Error).message})` };
  }
  const first = new Map<number, number>();
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentDoc) {
      return { ok: false, reason: 'forbidden', message: 'sub-documents are not supported in the room' };
    }
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    if (!first.has(client)) first.set(client, clock);
  }
  const missing: string[] = [];
  for (const [client, clock] of first) {
    const have = Y.getState(doc.store, client);
    if (clock > have) missing.push(`client ${client} from ${have} to ${clock}`);
  }
  if (missing.length > 0) return { ok: false, reason: 'missing-dependencies', message: `this change builds on changes the host does not have (${missing.slice(0, 3).join('; ')})` };
  return { ok: true };
}

/**
 * After applying: if Yjs parked part of the update as pending, remove it again (the integrated part is harmless:
 * a resend skips it) and say so.
 */
export function takeBackPending(doc: Y.Doc): UpdateVerdict {
  const store = doc.store as unknown as { pendingStructs: { missing: Map<number, number> } | null; pendingDs: Uint8Array | null };
  if (store.pendingStructs === null && store.pendingDs === null) return { ok: true };
  const missing = store.pendingStructs ? [...store.pendingStructs.missing].map(([client, clock]) => `client ${client} at ${clock}`) : ['deleted items'];
  store.pendingStructs = null;
  store.pendingDs = null;
  return { ok: false, reason: 'missing-dependencies', message: `this change builds on changes the host does not have (${missing.slice(0, 3).join('; ')})` };
}
