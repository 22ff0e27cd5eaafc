/**
 * Where the presenter (projector) window goes, as pure functions of the displays, so the rules are unit-tested
 * without Electron (no `electron` import: main passes plain display records and applies the answer).
 *
 * Owns: the choice of the presenter's display and bounds. The presenter goes full screen on a display the
 * facilitator's main window is not on (the projector), or — with one display — in a window on the main window's
 * display. When displays change: a presenter whose display was removed comes back as a window beside the console
 * (or full screen on another external display); a presenter in a window beside the console moves full screen to an
 * external display that was added; a full-screen presenter follows its display's new size; a presenter the
 * facilitator put on another display themselves stays there.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayInfo {
  id: number;
  /** The whole display (a full-screen window covers this). */
  bounds: Rect;
  /** The display without the taskbar, dock or menu bar (a window fits in this). */
  workArea: Rect;
  primary?: boolean;
}

export interface Placement {
  displayId: number;
  fullscreen: boolean;
  bounds: Rect;
  /** On another display than the main window's (the projector). */
  external: boolean;
}

/** The presenter as it is now: the display main placed it on (or the user moved it to), full screen or not. */
export interface PresenterNow {
  displayId: number;
  fullscreen: boolean;
  /** Full screen: the display bounds it was given (not what the window manager reports); a window: its bounds. */
  bounds: Rect;
}

/** The size of the presenter when it is a window (16:9, like the projector view). */
export const WINDOW_SIZE = { width: 1280, height: 720 } as const;

const same = (a: Rect, b: Rect) => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

/** The display the main window is on: the one named, else the primary, else the first. */
function homeDisplay(displays: readonly DisplayInfo[], mainDisplayId: number | null): DisplayInfo | undefined {
  return displays.find((d) => d.id === mainDisplayId) ?? displays.find((d) => d.primary) ?? displays[0];
}

/** A display other than the main window's; a non-primary one first (the projector is rarely the primary). */
export function externalDisplay(displays: readonly DisplayInfo[], mainDisplayId: number | null): DisplayInfo | null {
  const home = homeDisplay(displays, mainDisplayId);
  const others = displays.filter((d) => d.id !== home?.id);
  return others.find((d) => !d.primary) ?? others[0] ?? null;
}

/** A window of WINDOW_SIZE (smaller if the work area is), centred in the work area. */
export function windowBoundsIn(workArea: Rect): Rect {
  const width = Math.min(WINDOW_SIZE.width, workArea.width);
  const height = Math.min(WINDOW_SIZE.height, workArea.height);
  return {
    x: workArea.x + Math.floor((workArea.width - width) / 2),
    y: workArea.y + Math.floor((workArea.height - height) / 2),
    width,
    height,
  };
}

/** Where a presenter opened now goes. Null only when there is no display at all. */
export function placePresenter(displays: readonly DisplayInfo[], mainDisplayId: number | null): Placement | null {
  const external = externalDisplay(displays, mainDisplayId);
  if (external) return { displayId: external.id, fullscreen: true, bounds: { ...external.bounds }, external: true };
  const home = homeDisplay(displays, mainDisplayId);
  if (!home) return null;
  return { displayId: home.id, fullscreen: false, bounds: windowBoundsIn(home.workArea), external: false };
}

function inside(inner: Rect, outer: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

/**
 * After a display was added, removed or changed: where the presenter goes now, or null to leave it where it is
 * (calling it again with the same displays answers null: bursts of display events move the window once).
 */
export function replacePresenter(displays: readonly DisplayInfo[], mainDisplayId: number | null, now: PresenterNow): Placement | null {
  const wanted = placePresenter(displays, mainDisplayId);
  if (!wanted) return null;
  const current = displays.find((d) => d.id === now.displayId);
  // Its display is gone: never leave a full-screen presenter over the facilitator's screen.
  if (!current) return wanted;
  const home = homeDisplay(displays, mainDisplayId);
  const besideConsole = current.id === home?.id;
  if (now.fullscreen) {
    // Full screen over the console's display (the console was moved there) while a projector is free: move it.
    // (Full screen on the only display stays: mirrored displays are one display, and the facilitator chose it.)
    if (besideConsole && wanted.external) return wanted;
    // Its display changed resolution: cover it again.
    if (!same(now.bounds, current.bounds))
      return { displayId: current.id, fullscreen: true, bounds: { ...current.bounds }, external: !besideConsole };
    return null;
  }
  // A window beside the console, and now a projector: full screen there.
  if (besideConsole && wanted.external) return wanted;
  // A window that no longer fits its display (the resolution shrank): back inside it.
  if (!inside(now.bounds, current.workArea)) {
    return { displayId: current.id, fullscreen: false, bounds: windowBoundsIn(current.workArea), external: !besideConsole };
  }
  return null;
}
