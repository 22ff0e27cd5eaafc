/**
 * The preload bridge: exposes exactly the calls of `DesktopApi` as `window.workshopKit`. No ipcRenderer, no
 * generic send/invoke, no process.env. Built as CommonJS because the renderer is sandboxed.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { AppInfo, DesktopApi } from '../../shared/ipc/contract';

const api = {
  appInfo: () => ipcRenderer.invoke('app:info') as Promise<AppInfo>,
} satisfies DesktopApi;

contextBridge.exposeInMainWorld('workshopKit', api);
