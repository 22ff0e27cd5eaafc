/**
 * The preload bridge: exposes exactly the calls of `DesktopApi` as `window.workshopKit`. No ipcRenderer, no
 * generic send/invoke, no process.env. Built as CommonJS because the renderer is sandboxed.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { AppInfo, DesktopApi, HostedSession, NearbySession } from '../../shared/ipc/contract';

const api = {
  appInfo: () => ipcRenderer.invoke('app:info') as Promise<AppInfo>,
  hostSession: (title: string) => ipcRenderer.invoke('host:start', { title }) as Promise<HostedSession>,
  currentSession: () => ipcRenderer.invoke('host:current') as Promise<HostedSession | null>,
  sessionsNearby: () => ipcRenderer.invoke('discovery:browse') as Promise<NearbySession[]>,
  openNearby: (url: string) => ipcRenderer.invoke('discovery:open', { url }) as Promise<boolean>,
  openPresenter: (path: string) => ipcRenderer.invoke('presenter:open', { path }) as Promise<{ external: boolean }>,
} satisfies DesktopApi;

contextBridge.exposeInMainWorld('workshopKit', api);
