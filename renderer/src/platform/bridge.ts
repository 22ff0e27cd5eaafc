/**
 * The renderer's view of its platform. In the desktop app the preload script exposes `window.workshopKit`
 * (a narrow, typed API, see shared/ipc/contract.ts); in a plain browser the same interface has a browser
 * implementation, so every page works in both.
 */
import type { AppInfo, DesktopApi } from '../../../shared/ipc/contract';

declare global {
  interface Window {
    workshopKit?: DesktopApi;
  }
}

export interface Platform {
  kind: 'desktop' | 'browser';
  appInfo(): Promise<AppInfo>;
}

const browserPlatform: Platform = {
  kind: 'browser',
  appInfo: async () => ({ version: __APP_VERSION__, platform: 'browser', electron: null }),
};

export function platform(): Platform {
  const api = window.workshopKit;
  if (!api) return browserPlatform;
  return { kind: 'desktop', appInfo: () => api.appInfo() };
}
