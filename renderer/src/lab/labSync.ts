/**
 * How the lab's UI keeps its worker in step with an action list that lives elsewhere (Dexie in self-study, the
 * team's Yjs document in a room).
 *
 * Owns: `planSync`, a pure function: given what the worker already holds (`{ key, actions }`, or null) and the
 * list the UI now wants, it says what to post — nothing, `append` with only the new actions (the new list extends
 * the old one), or `open` (a full replay: another scenario or seed, or the list changed in the middle, e.g. a
 * merge of offline edits or "Start over"). Actions are compared by identity, then by their JSON, because every
 * store hands out fresh objects on each read.
 */

export interface SyncTarget {
  /** Scenario id and seed: a different key always means a full replay. */
  key: string;
  actions: readonly unknown[];
}

export type SyncPlan = { type: 'none' } | { type: 'open' } | { type: 'append'; actions: unknown[] };

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export function planSync(held: SyncTarget | null, wanted: SyncTarget): SyncPlan {
  if (!held || held.key !== wanted.key) return { type: 'open' };
  const old = held.actions;
  const next = wanted.actions;
  if (next.length < old.length) return { type: 'open' };
  for (let i = 0; i < old.length; i++) if (!same(old[i], next[i])) return { type: 'open' };
  if (next.length === old.length) return { type: 'none' };
  return { type: 'append', actions: next.slice(old.length) };
}
