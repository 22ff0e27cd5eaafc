/**
 * The preload bridge: exposes exactly the calls of `DesktopApi` as `window.workshopKit`. No ipcRenderer, no
 * generic send/invoke, no process.env. Built as CommonJS because the renderer is sandboxed.
 * The one message main sends (the app menu's navigation) is checked here (`isAppPath`) and handed to the page's
 * single listener without the IPC event; one that arrives before the page listens is kept until it does.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { isAppPath, MENU_NAVIGATE_CHANNEL, type AppInfo, type DesktopApi, type HostedSession, type NearbySession } from '../../shared/ipc/contract';

let menuListener: ((path: string) => void) | null = null;
let pendingPath: string | null = null;
ipcRenderer.on(MENU_NAVIGATE_CHANNEL, (_event, message: unknown) => {
  const path = typeof message === 'object' && message !== null ? (message as { path?: unknown }).path : undefined;
  if (!isAppPath(path)) return;
  if (menuListener) menuListener(path);
  else pendingPath = path;
});

const api = {
  appInfo: () => ipcRenderer.invoke('app:info') as Promise<AppInfo>,
  hostSession: (title: string) => ipcRenderer.invoke('host:start', { title }) as Promise<HostedSession>,
  currentSession: () => ipcRenderer.invoke('host:current') as Promise<HostedSession | null>,
  sessionsNearby: () => ipcRenderer.invoke('discovery:browse') as Promise<NearbySession[]>,
  openNearby: (url: string) => ipcRenderer.invoke('discovery:open', { url }) as Promise<boolean>,
  openPresenter: (path: string) => ipcRenderer.invoke('presenter:open', { path }) as Promise<{ external: boolean }>,
  onMenuNavigate: (listener: (path: string) => void) => {
    if (typeof listener !== 'function') throw new TypeError('onMenuNavigate needs a function');
    menuListener = listener;
    if (pendingPath !== null) {
      const path = pendingPath;
      pendingPath = null;
      listener(path);
    }
    return () => {
      if (menuListener === listener) menuListener = null;
    };
  },
} satisfies DesktopApi;

contextBridge.exposeInMainWorld('workshopKit', api);
