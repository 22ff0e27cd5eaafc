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
 *
 * The same pass bounds the work an update can cause (reason `too-costly`, final for the client): the number of
 * structs and of gaps (skips), the number of client ids the document has never seen, and the number of items that
 * share one insertion point (same parent, same left origin, same map key) — Yjs integrates concurrent inserts at one
 * point by scanning the others, so many of them cost quadratic time. The budgets are generous constants, not per
 * connection: a repair edit (a device answering the host's sync step 1 with what the host lacks) legitimately carries
 * other devices' changes, every client id those devices ever used in the document, so the new-client bound is only
 * there to cap the crafted case (thousands of fresh ids) and is far above a classroom's (tens of learners, a few
 * reloads each). What a pass cannot see (cost that builds up across updates) is bounded by trying each learner
 * update in a worker first (updateTrials.ts).
 */
import * as Y from 'yjs';

export type UpdateVerdict = { ok: true } | { ok: false; reason: 'missing-dependencies' | 'forbidden' | 'malformed' | 'too-costly'; message: string };

export interface UpdateBudget {
  /** Structs (items, deletions' runs not counted) in one update. */
  structs: number;
  /** Gaps (skips) in one update. */
  skips: number;
  /** Client ids the document has no change of yet. */
  newClients: number;
  /** Items in one update inserted at the same point (same parent and left origin, or the same map key). */
  samePoint: number;
}

export const DEFAULT_UPDATE_BUDGET: UpdateBudget = { structs: 50_000, skips: 256, newClients: 1_000, samePoint: 1_000 };

function tooCostly(what: string): UpdateVerdict {
  return { ok: false, reason: 'too-costly', message: `this change is too costly for the host to apply (${what}); it is not kept — reload the page if this keeps happening` };
}

/** The insertion point of an item, as a string key (its parent and left origin, or its parent and map key). */
function pointOf(item: Y.Item): string {
  const parent = item.parent instanceof Y.ID ? `${item.parent.client}:${item.parent.clock}` : typeof item.parent === 'string' ? item.parent : '?';
  const origin = item.origin ? `${item.origin.client}:${item.origin.clock}` : '-';
  return `${parent}|${item.parentSub ?? ''}|${origin}`;
}

/** Checks an update against the document it is for, without applying it. Throws nothing. */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, budget: UpdateBudget = DEFAULT_UPDATE_BUDGET): UpdateVerdict {
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
  if (decoded.structs.length > budget.structs) return tooCostly(`${decoded.structs.length} parts, more than ${budget.structs}`);
  const points = new Map<string, number>();
  let newClients = 0;
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) {
      skipped.push(struct);
      if (skipped.length > budget.skips) return tooCostly(`more than ${budget.skips} gaps`);
    }
    if (struct instanceof Y.Item) {
      if (struct.content instanceof Y.ContentDoc) return { ok: false, reason: 'forbidden', message: 'sub-documents are not supported in the room' };
      const point = pointOf(struct);
      const count = (points.get(point) ?? 0) + 1;
      if (count > budget.samePoint) return tooCostly(`more than ${budget.samePoint} insertions at one place`);
      points.set(point, count);
    }
    const { client, clock } = struct.id;
    if (!from.has(client)) {
      from.set(client, clock);
      if (Y.getState(doc.store, client) === 0 && ++newClients > budget.newClients) return tooCostly(`more than ${budget.newClients} new authors`);
    }
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
    clock >= (from.get(client) ?? Infinity) && clock < (to.get(client) ?? -1) && (skipped.length === 0 || !skipped.some((s) => s.id.client === client && clock >= s.id.clock && clock < s.id.clock + s.length));
  const known = (client: number, clock: number) => clock < Y.getState(doc.store, client) || inUpdate(client, clock);
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    for (const ref of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
      if (ref && !known(ref.client, ref.clock)) missing.push(`client ${ref.client} at ${ref.clock}`);
    }
    if (missing.length > 3) break;
  }
  let ranges = 0;
  for (const deletions of decoded.ds.clients.values()) ranges += deletions.length;
  if (ranges > budget.structs) return tooCostly(`${ranges} deleted ranges, more than ${budget.structs}`);
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
