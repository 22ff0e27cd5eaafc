/**
 * What the host checks in a learner's Yjs update before and after applying it, so that it never acknowledges an
 * update it could not integrate:
 * - before: one linear pass over the update's structs (Y.decodeUpdate) — sub-documents are refused (one could grow
 *   the host's memory without bound), and an update that starts past what the host has of one of its clients (a gap:
 *   the changes in between were lost or not sent yet), or refers to (or deletes) something the host does not have,
 *   is refused as missing dependencies — before any of it is applied, since Yjs would apply its deletions at once;
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
  // Per client: where this update starts and ends (its structs of one client are one run of clocks).
  const from = new Map<number, number>();
  const to = new Map<number, number>();
  const skipped: Y.Skip[] = [];
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) skipped.push(struct);
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentDoc) {
      return { ok: false, reason: 'forbidden', message: 'sub-documents are not supported in the room' };
    }
    const { client, clock } = struct.id;
    if (!from.has(client)) from.set(client, clock);
    to.set(client, clock + struct.length);
  }
  const missing: string[] = [];
  for (const [client, clock] of from) {
    const have = Y.getState(doc.store, client);
    if (clock > have) missing.push(`client ${client} from ${have} to ${clock}`);
  }
  // Every reference (an item's neighbours and parent, a deletion) must be to something the host has, or to
  // something in this update: otherwise Yjs would apply part of it (its deletions) and park the rest.
  const inUpdate = (client: number, clock: number) =>
    clock >= (from.get(client) ?? Infinity) && clock < (to.get(client) ?? -1) && !skipped.some((s) => s.id.client === client && clock >= s.id.clock && clock < s.id.clock + s.length);
  const known = (client: number, clock: number) => clock < Y.getState(doc.store, client) || inUpdate(client, clock);
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    for (const ref of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
      if (ref && !known(ref.client, ref.clock)) missing.push(`client ${ref.client} at ${ref.clock}`);
    }
    if (missing.length > 3) break;
  }
  for (const [client, deletions] of decoded.ds.clients) {
    for (const d of deletions) if (!known(client, d.clock + d.len - 1)) missing.push(`deleted client ${client} at ${d.clock}`);
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
