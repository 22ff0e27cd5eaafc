/**
 * The renderer's view of its platform. In the desktop app the preload script exposes `window.workshopKit`
 * (a narrow, typed API, see shared/ipc/contract.ts); in a plain browser the same interface has a browser
 * implementation, so every page works in both: a browser cannot host a room or browse the LAN, and says how
 * to do it instead.
 */
import type { AppInfo, DesktopApi, HostedSession, NearbySession } from '../../../shared/ipc/contract';

declare global {
  interface Window {
    workshopKit?: DesktopApi;
  }
}

export interface Platform {
  kind: 'desktop' | 'browser';
  appInfo(): Promise<AppInfo>;
  /** Desktop only: serve a session on the LAN from this computer. */
  hostSession?(title: string): Promise<HostedSession>;
  currentSession?(): Promise<HostedSession | null>;
  /** Desktop only: sessions advertised on the LAN (DNS-SD). */
  sessionsNearby?(): Promise<NearbySession[]>;
  openNearby?(url: string): Promise<boolean>;
  /** Desktop only: the presenter view in its own window, on the projector when one is connected. */
  openPresenter?(path: string): Promise<{ external: boolean }>;
  /** Desktop only: the app menu asks this page to show one of the app's paths. Returns the listener's removal. */
  onMenuNavigate?(listener: (path: string) => void): () => void;
}

const browserPlatform: Platform = {
  kind: 'browser',
  appInfo: async () => ({ version: __APP_VERSION__, platform: 'browser', electron: null }),
};

export function platform(): Platform {
  const api = window.workshopKit;
  if (!api) return browserPlatform;
  return {
    kind: 'desktop',
    appInfo: () => api.appInfo(),
    hostSession: (title) => api.hostSession(title),
    currentSession: () => api.currentSession(),
    sessionsNearby: () => api.sessionsNearby(),
    openNearby: (url) => api.openNearby(url),
    openPresenter: (path) => api.openPresenter(path),
    onMenuNavigate: (listener) => api.onMenuNavigate(listener),
  };
}
