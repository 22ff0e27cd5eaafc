/**
 * Element-level merging for whiteboards (Excalidraw scenes stored per element in a Y.Map): concurrent edits to
 * different elements both survive; two edits to the same element resolve deterministically, the same on every
 * replica — the higher `version` wins, ties broken by the lower `versionNonce` (as Excalidraw's own reconcile
 * does), then by id order of the authors, so no replica depends on arrival order. Deleted elements are kept as
 * tombstones (`isDeleted`) so a deletion is not resurrected by an older copy.
 */
export interface BoardElement {
  id: string;
  version: number;
  versionNonce: number;
  isDeleted?: boolean;
  [key: string]: unknown;
}

/** Whether `candidate` should replace `current` for the same element id. */
export function wins(candidate: BoardElement, current: BoardElement | undefined): boolean {
  if (!current) return true;
  if (candidate.version !== current.version) return candidate.version > current.version;
  if (candidate.versionNonce !== current.versionNonce) return candidate.versionNonce < current.versionNonce;
  return false;
}

/** Merges two element lists by id; the result is independent of argument order. */
export function mergeElements(a: readonly BoardElement[], b: readonly BoardElement[]): BoardElement[] {
  const byId = new Map<string, BoardElement>();
  for (const el of [...a, ...b]) if (wins(el, byId.get(el.id))) byId.set(el.id, el);
  return [...byId.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** The elements of `next` that changed relative to `previous` (new, newer version): what a client must send. */
export function changedElements(previous: ReadonlyMap<string, BoardElement>, next: readonly BoardElement[]): BoardElement[] {
  return next.filter((el) => {
    const before = previous.get(el.id);
    return !before || before.version !== el.version || before.versionNonce !== el.versionNonce;
  });
}
