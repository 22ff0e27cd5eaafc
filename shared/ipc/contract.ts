/**
 * The desktop bridge: every IPC channel with its request and response. Main registers one handler per
 * channel from this map, the preload exposes exactly these calls, the renderer calls through them.
 * Nothing else crosses the bridge (no generic send/invoke, no ipcRenderer, no process.env).
 */
export interface AppInfo {
  version: string;
  platform: string;
  /** Electron's version in the desktop app, null in a browser. */
  electron: string | null;
}

export interface IpcContract {
  'app:info': { request: null; response: AppInfo };
}

export type IpcChannel = keyof IpcContract;
export const IPC_CHANNELS: readonly IpcChannel[] = ['app:info'];

/** What the preload exposes as `window.workshopKit`. */
export interface DesktopApi {
  appInfo(): Promise<AppInfo>;
}
