import { describe, expect, it } from 'vitest';
import { externalDisplay, placePresenter, replacePresenter, windowBoundsIn, type DisplayInfo } from './presenterPlacement';

// A laptop (primary, with a menu bar) and a projector to its right, and a third monitor above.
const laptop: DisplayInfo = {
  id: 1,
  primary: true,
  bounds: { x: 0, y: 0, width: 1440, height: 900 },
  workArea: { x: 0, y: 25, width: 1440, height: 875 },
};
const projector: DisplayInfo = {
  id: 2,
  bounds: { x: 1440, y: 0, width: 1920, height: 1080 },
  workArea: { x: 1440, y: 0, width: 1920, height: 1080 },
};
const monitor: DisplayInfo = {
  id: 3,
  bounds: { x: 0, y: -1200, width: 1920, height: 1200 },
  workArea: { x: 0, y: -1200, width: 1920, height: 1200 },
};
const small: DisplayInfo = {
  id: 4,
  primary: true,
  bounds: { x: 0, y: 0, width: 1024, height: 600 },
  workArea: { x: 0, y: 0, width: 1024, height: 560 },
};

describe('placePresenter (at open time)', () => {
  it('goes full screen on the projector when the console is on the laptop', () => {
    expect(placePresenter([laptop, projector], 1)).toEqual({ displayId: 2, fullscreen: true, bounds: projector.bounds, external: true });
  });

  it('is a centred 1280×720 window on the only display', () => {
    expect(placePresenter([laptop], 1)).toEqual({
      displayId: 1,
      fullscreen: false,
      bounds: { x: 80, y: 102, width: 1280, height: 720 },
      external: false,
    });
  });

  it('fits a window into a display smaller than 1280×720', () => {
    expect(windowBoundsIn(small.workArea)).toEqual({ x: 0, y: 0, width: 1024, height: 560 });
    expect(placePresenter([small], 4)?.bounds).toEqual({ x: 0, y: 0, width: 1024, height: 560 });
  });

  it('goes to the laptop when the facilitator moved the console onto the projector', () => {
    expect(placePresenter([laptop, projector], 2)).toMatchObject({ displayId: 1, fullscreen: true, bounds: laptop.bounds, external: true });
  });

  it('prefers a non-primary display among several, never the console’s', () => {
    expect(externalDisplay([laptop, projector, monitor], 1)?.id).toBe(2);
    expect(externalDisplay([laptop, projector, monitor], 2)?.id).toBe(3);
    expect(externalDisplay([monitor, laptop, projector], 3)?.id).toBe(2);
  });

  it('takes the primary as the console’s display when the main window is unknown', () => {
    expect(placePresenter([projector, laptop], null)).toMatchObject({ displayId: 2, fullscreen: true });
    expect(placePresenter([projector, laptop], 99)).toMatchObject({ displayId: 2, fullscreen: true });
    expect(placePresenter([], 1)).toBeNull();
  });
});

describe('replacePresenter (a display was added, removed or changed)', () => {
  const onProjector = { displayId: 2, fullscreen: true, bounds: projector.bounds };

  it('brings the presenter back as a window beside the console when its projector is unplugged', () => {
    expect(replacePresenter([laptop], 1, onProjector)).toEqual({
      displayId: 1,
      fullscreen: false,
      bounds: { x: 80, y: 102, width: 1280, height: 720 },
      external: false,
    });
  });

  it('moves to the remaining external display when the one in use is removed', () => {
    expect(replacePresenter([laptop, monitor], 1, onProjector)).toEqual({
      displayId: 3,
      fullscreen: true,
      bounds: monitor.bounds,
      external: true,
    });
  });

  it('moves a window beside the console full screen onto a projector plugged in later (hot-plug)', () => {
    const windowed = placePresenter([laptop], 1)!;
    const now = { displayId: windowed.displayId, fullscreen: false, bounds: windowed.bounds };
    expect(replacePresenter([laptop, projector], 1, now)).toEqual({
      displayId: 2,
      fullscreen: true,
      bounds: projector.bounds,
      external: true,
    });
  });

  it('answers null once placed: repeated display events move the window once', () => {
    const first = replacePresenter([laptop, projector], 1, { displayId: 1, fullscreen: false, bounds: windowBoundsIn(laptop.workArea) })!;
    expect(
      replacePresenter([laptop, projector], 1, { displayId: first.displayId, fullscreen: first.fullscreen, bounds: first.bounds }),
    ).toBeNull();
    const back = replacePresenter([laptop], 1, onProjector)!;
    expect(replacePresenter([laptop], 1, { displayId: back.displayId, fullscreen: back.fullscreen, bounds: back.bounds })).toBeNull();
  });

  it('stays on the projector when another display is added', () => {
    expect(replacePresenter([laptop, projector, monitor], 1, onProjector)).toBeNull();
  });

  it('covers the projector again when its resolution changes', () => {
    const smaller = { ...projector, bounds: { ...projector.bounds, width: 1280, height: 720 } };
    expect(replacePresenter([laptop, smaller], 1, onProjector)).toEqual({
      displayId: 2,
      fullscreen: true,
      bounds: smaller.bounds,
      external: true,
    });
  });

  it('leaves the projector for the laptop when the console is moved onto the projector', () => {
    expect(replacePresenter([laptop, projector], 2, onProjector)).toMatchObject({ displayId: 1, fullscreen: true, external: true });
  });

  it('keeps a presenter the facilitator put elsewhere themselves', () => {
    // A window on the projector (not full screen): the facilitator's choice.
    expect(
      replacePresenter([laptop, projector, monitor], 1, {
        displayId: 2,
        fullscreen: false,
        bounds: { x: 1500, y: 50, width: 800, height: 600 },
      }),
    ).toBeNull();
    // Full screen on the only display (mirrored displays are one display).
    expect(replacePresenter([laptop], 1, { displayId: 1, fullscreen: true, bounds: laptop.bounds })).toBeNull();
  });

  it('brings a window back inside its display when the resolution shrinks', () => {
    const now = { displayId: 1, fullscreen: false, bounds: windowBoundsIn(laptop.workArea) };
    const shrunk = { ...laptop, id: 1, bounds: small.bounds, workArea: small.workArea };
    expect(replacePresenter([shrunk], 1, now)).toEqual({
      displayId: 1,
      fullscreen: false,
      bounds: { x: 0, y: 0, width: 1024, height: 560 },
      external: false,
    });
  });
});
