/** Loads the whiteboard (and board pictures) on demand; Excalidraw finds its bundled fonts under /excalidraw/ (never a CDN). */
import { lazy } from 'react';

declare global {
  interface Window {
    EXCALIDRAW_ASSET_PATH?: string | string[];
  }
}

export const LazyTeamBoard = lazy(() => {
  window.EXCALIDRAW_ASSET_PATH = `${location.origin}/excalidraw/`;
  return import('./TeamBoard');
});

/** A board as a picture (gallery, projector), with the same bundled fonts. */
export const LazyBoardPreview = lazy(() => {
  window.EXCALIDRAW_ASSET_PATH = `${location.origin}/excalidraw/`;
  return import('./BoardPreview');
});
