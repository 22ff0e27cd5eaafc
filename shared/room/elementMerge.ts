/**
 * Owns: what a whiteboard element read from a shared document must look like to be used at all, and the one rule
 * that decides between two versions of the same element (the same on every replica, whatever the arrival order).
 *
 * Board documents are written by peers, so their content is untrusted: `isBoardElement` is a structural check,
 * pure and cheap, that keeps out what would make a viewer throw (null, strings, arrays, missing id or type,
 * geometry that is not a number, points that are not pairs of numbers). The browser then runs what passes through
 * Excalidraw's own `restoreElements` (renderer/src/team/boardScene.ts); Excalidraw cannot load in Node, so this
 * check is what the host, the tests and the benchmarks rely on.
 *
 * The rule (`wins`): the higher `version` wins; on equal versions the lower `versionNonce` (Excalidraw's reconcile
 * does the same); on equal version and nonce, the lower `tieKey` (the element's slot key in the document — see
 * shared/sync/boardSync.ts — so ties are decided by data every replica holds, never by who wrote first or by a Yjs
 * client id). Deleted elements are kept as tombstones (`isDeleted`) so a deletion is not undone by an older copy.
 */
export interface BoardElement {
  id: string;
  type?: string;
  version: number;
  versionNonce: number;
  isDeleted?: boolean;
  /** Excalidraw's last-change time (ms since the epoch, the author's clock); used to age tombstones. */
  updated?: number;
  [key: string]: unknown;
}

const MAX_ID = 200;
const MAX_POINTS = 100_000;
const NUMERIC = ['x', 'y', 'width', 'height', 'angle', 'opacity', 'strokeWidth', 'roughness', 'seed', 'fontSize', 'updated'] as const;
const TEXTUAL = ['text', 'originalText', 'fileId', 'link', 'index', 'containerId', 'frameId', 'fillStyle', 'strokeStyle', 'strokeColor', 'backgroundColor'] as const;

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a value read from a board document is an element a viewer can use (see the header). */
export function isBoardElement(value: unknown): value is BoardElement {
  if (!isRecord(value)) return false;
  const { id, type, version, versionNonce } = value;
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID) return false;
  if (typeof type !== 'string' || type.length === 0 || type.length > 40) return false;
  if (!isNumber(version) || version < 1 || !isNumber(versionNonce)) return false;
  if ('isDeleted' in value && typeof value.isDeleted !== 'boolean' && value.isDeleted != null) return false;
  for (const key of NUMERIC) if (key in value && value[key] != null && !isNumber(value[key])) return false;
  for (const key of TEXTUAL) if (key in value && value[key] != null && typeof value[key] !== 'string') return false;
  if ('points' in value && value.points != null) {
    const points = value.points;
    if (!Array.isArray(points) || points.length > MAX_POINTS) return false;
    for (const p of points) if (!Array.isArray(p) || p.length < 2 || !isNumber(p[0]) || !isNumber(p[1])) return false;
  }
  if ('groupIds' in value && value.groupIds != null && !(Array.isArray(value.groupIds) && value.groupIds.every((g) => typeof g === 'string'))) return false;
  if ('boundElements' in value && value.boundElements != null) {
    const bound = value.boundElements;
    if (!Array.isArray(bound) || !bound.every((b) => isRecord(b) && typeof b.id === 'string' && typeof b.type === 'string')) return false;
  }
  return true;
}

/**
 * Whether `candidate` should replace `current` for the same element id (see the header). `tieKey`s are only
 * compared when version and nonce are equal; without them, an equal pair does not replace (nothing to send).
 */
export function wins(candidate: BoardElement, current: BoardElement | undefined, candidateKey = '', currentKey = ''): boolean {
  if (!current) return true;
  if (candidate.version !== current.version) return candidate.version > current.version;
  if (candidate.versionNonce !== current.versionNonce) return candidate.versionNonce < current.versionNonce;
  return candidateKey < currentKey;
}

/** The elements of `next` that changed relative to `previous` (new, newer version): what a client must send. */
export function changedElements(previous: ReadonlyMap<string, BoardElement>, next: readonly BoardElement[]): BoardElement[] {
  return next.filter((el) => {
    const before = previous.get(el.id);
    return !before || before.version !== el.version || before.versionNonce !== el.versionNonce;
  });
}

/** Scene order: Excalidraw's fractional `index` where both have one, then id (a stable order for every replica). */
export function sceneOrder(a: BoardElement, b: BoardElement): number {
  const ia = typeof a.index === 'string' ? a.index : '';
  const ib = typeof b.index === 'string' ? b.index : '';
  if (ia !== ib) return ia < ib ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
