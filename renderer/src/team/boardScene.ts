/**
 * Owns: turning a board document's elements (untrusted: written by peers) into an Excalidraw scene, and merging
 * that scene with the editor's own.
 *
 * Every element read from a document has already passed shared/room/elementMerge.ts's structural check (so no
 * `null` or string reaches here); it then goes through Excalidraw's exported `restoreElements`, which fills in and
 * normalises every property the way Excalidraw does when it opens a file. Should restoring the whole list throw (a
 * field Excalidraw trips on), each element is restored on its own and the ones that still fail are left out: one
 * bad element never empties the board or breaks the viewer. Merging with the editor's scene is Excalidraw's own
 * `reconcileElements` (the element being edited stays; otherwise the higher version, then the lower nonce, and an
 * exact tie goes to the document's copy — the same copy every replica reads).
 */
import { reconcileElements, restoreElements } from '@excalidraw/excalidraw';
import type { BoardElement } from '../../../shared/room/elementMerge';

type Restorable = Parameters<typeof restoreElements>[0];
export type SceneElement = ReturnType<typeof restoreElements>[number];
type RemoteElement = Parameters<typeof reconcileElements>[1][number];
type AppState = Parameters<typeof reconcileElements>[2];

/** The document's elements as Excalidraw elements (see the header). */
export function restoreFromDoc(elements: readonly BoardElement[]): SceneElement[] {
  try {
    return restoreElements(elements as unknown as Restorable, null, { repairBindings: true });
  } catch {
    return elements.flatMap((el) => {
      try {
        return restoreElements([el] as unknown as Restorable, null);
      } catch {
        return [];
      }
    });
  }
}

/**
 * The editor's scene merged with the document's. `force`: ids whose document copy must replace the editor's even
 * if the editor's looks newer (a learner's change to the facilitator's layer, which the document refuses).
 */
export function reconcileWithDoc(local: readonly SceneElement[], remote: readonly SceneElement[], appState: AppState, force?: ReadonlySet<string>): SceneElement[] {
  let mine = local;
  if (force && force.size > 0) {
    const byId = new Map(remote.map((e) => [e.id, e]));
    mine = local.map((e) => (force.has(e.id) ? (byId.get(e.id) ?? e) : e));
  }
  return reconcileElements(mine, remote as unknown as readonly RemoteElement[], appState);
}

/**
 * An exported SVG as text that parses: characters XML forbids (control characters a peer's text may hold) are
 * dropped, or one such element would make the whole picture fail to load, for every viewer.
 */
export function svgText(svg: SVGSVGElement): string {
  // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids
  return svg.outerHTML.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}
