/**
 * The desktop app's main process: starts the kit's host in-process on loopback, opens the window on it, and
 * enforces Electron's security checklist (isolated, sandboxed renderer; no navigation, pop-ups or permissions
 * beyond our own origin; IPC answered only for our frames, from the typed contract).
 */
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppInfo, IpcContract } from '../../shared/ipc/contract';
import { loadContentDir } from '../host/contentLoader';
import { startHost, type RunningHost } from '../host/httpServer';
import { externalUrlToOpen, isAllowedNavigation, isTrustedSender, secureWebPreferences } from './security';

const here = dirname(fileURLToPath(import.meta.url));
let host: RunningHost | null = null;
const allowedOrigins: string[] = [];

function contentDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'content') : join(app.getAppPath(), 'content');
}

function registerIpc(): void {
  const handlers: { [K in keyof IpcContract]: () => Promise<IpcContract[K]['response']> } = {
    'app:info': async (): Promise<AppInfo> => ({ version: app.getVersion(), platform: process.platform, electron: process.versions.electron ?? null }),
  };
  for (const [channel, handler] of Object.entries(handlers)) {
    ipcMain.handle(channel, (event) => {
      if (!isTrustedSender(event.senderFrame?.url, allowedOrigins)) throw new Error(`refused ${channel}: untrusted sender`);
      return handler();
    });
  }
}

function hardenSession(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

async function createWindow(): Promise<void> {
  if (!host) throw new Error('host not started');
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    title: 'Workshop Kit',
    show: false,
    webPreferences: secureWebPreferences(join(here, '../preload/index.cjs')),
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    const external = externalUrlToOpen(url);
    if (external) void shell.openExternal(external);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, allowedOrigins)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  await win.loadURL(host.url);
}

app.enableSandbox();
app.on('web-contents-created', (_e, contents) => {
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, allowedOrigins)) event.preventDefault();
  });
});

void app.whenReady().then(async () => {
  hardenSession();
  const content = await loadContentDir(contentDir());
  host = await startHost({
    port: 0,
    bind: '127.0.0.1',
    rendererDir: join(here, '../renderer'),
    contentDir: contentDir(),
    content,
  });
  allowedOrigins.push(new URL(host.url).origin);
  registerIpc();
  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', () => {
  void host?.close();
});
