/**
 * The desktop app's main process: runs the kit's host in-process on loopback (the window's own origin), opens
 * the window on it, and — on "Host a session" — serves the same sessions on the LAN and advertises them.
 * Enforces Electron's security checklist: isolated, sandboxed renderer; navigation, pop-ups and permissions
 * limited to our origins; IPC answered only for trusted frames, each request parsed (ipcRequests.ts), and
 * local-only channels refused to pages of a joined remote host.
 */
import { app, BrowserWindow, ipcMain, screen, session, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCAL_ONLY_CHANNELS, type AppInfo, type HostedSession, type IpcChannel, type IpcContract, type NearbySession } from '../../shared/ipc/contract';
import type { PackResult } from '../../shared/content/pack';
import { loadContentDir } from '../host/contentLoader';
import { DEFAULT_PORT } from '../host/defaults';
import { advertise, browse, type Advertisement } from '../host/discovery';
import { startHost, type RunningHost } from '../host/httpServer';
import { SessionManager } from '../host/room/sessions';
import { isOpenableJoinUrl, parseIpcRequest } from './ipcRequests';
import { externalUrlToOpen, isAllowedNavigation, isTrustedSender, secureWebPreferences } from './security';

const here = dirname(fileURLToPath(import.meta.url));
let localHost: RunningHost | null = null;
let lanHost: RunningHost | null = null;
let sessions: SessionManager | null = null;
let content: PackResult | null = null;
let hosted: HostedSession | null = null;
let advertisement: Advertisement | null = null;
let mainWindow: BrowserWindow | null = null;
const allowedOrigins: string[] = [];
/** `--no-discovery` (tests, CI): never multicast, neither to advertise nor to browse. */
const discoveryEnabled = !process.argv.includes('--no-discovery');
const foundJoinUrls = new Set<string>();

function contentDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'content') : join(app.getAppPath(), 'content');
}

async function startLanHost(): Promise<RunningHost> {
  const options = { bind: '0.0.0.0', rendererDir: join(here, '../renderer'), contentDir: contentDir(), content: content!, sessions: sessions! };
  try {
    return await startHost({ ...options, port: DEFAULT_PORT });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startHost({ ...options, port: 0 });
  }
}

async function hostSession(title: string): Promise<HostedSession> {
  lanHost ??= await startLanHost();
  const room = sessions!.resumeByTitle(title) ?? sessions!.create(title);
  await advertisement?.stop().catch(() => undefined);
  advertisement = discoveryEnabled && lanHost.lanUrls.length > 0 ? advertise({ title, code: room.meta.code, port: lanHost.port }) : null;
  const bases = lanHost.lanUrls.length > 0 ? lanHost.lanUrls : [lanHost.url];
  hosted = {
    code: room.meta.code,
    title,
    joinUrls: bases.map((u) => `${u}join/${room.meta.code}`),
    consolePath: `/console/${room.meta.code}#key=${sessions!.hostKey}`,
    discovery: advertisement !== null,
  };
  return hosted;
}

async function sessionsNearby(): Promise<NearbySession[]> {
  if (!discoveryEnabled) return [];
  const found = await browse({ timeoutMs: 2000 });
  for (const s of found) for (const url of s.urls) foundJoinUrls.add(url);
  return found.map((s) => ({ title: s.title, code: s.code, urls: s.urls }));
}

function registerIpc(): void {
  const handlers: { [K in IpcChannel]: (request: IpcContract[K]['request']) => Promise<IpcContract[K]['response']> } = {
    'app:info': async (): Promise<AppInfo> => ({ version: app.getVersion(), platform: process.platform, electron: process.versions.electron ?? null }),
    'host:start': ({ title }) => hostSession(title),
    'host:current': async () => hosted,
    'discovery:browse': () => sessionsNearby(),
    'presenter:open': async ({ path }) => openPresenter(path),
    'discovery:open': async ({ url }) => {
      if (!mainWindow || !isOpenableJoinUrl(url, foundJoinUrls)) return false;
      const origin = new URL(url).origin;
      if (!allowedOrigins.includes(origin)) allowedOrigins.push(origin);
      await mainWindow.loadURL(url);
      return true;
    },
  };
  const localOrigin = () => (localHost ? [new URL(localHost.url).origin] : []);
  for (const channel of Object.keys(handlers) as IpcChannel[]) {
    ipcMain.handle(channel, (event, request: unknown) => {
      const frameUrl = event.senderFrame?.url;
      const trusted = LOCAL_ONLY_CHANNELS.includes(channel) ? localOrigin() : allowedOrigins;
      if (!isTrustedSender(frameUrl, trusted)) throw new Error(`refused ${channel}: untrusted sender`);
      const handler = handlers[channel] as (r: unknown) => Promise<unknown>;
      return handler(parseIpcRequest(channel, request));
    });
  }
}

let presenterWindow: BrowserWindow | null = null;

/** The projector view: full screen on a second display when there is one, a movable window otherwise. */
async function openPresenter(path: string): Promise<{ external: boolean }> {
  if (!localHost) throw new Error('host not started');
  const primary = screen.getPrimaryDisplay();
  const external = screen.getAllDisplays().find((d) => d.id !== primary.id);
  presenterWindow?.close();
  const win = new BrowserWindow({
    ...(external ? { x: external.bounds.x, y: external.bounds.y, width: external.bounds.width, height: external.bounds.height, fullscreen: true } : { width: 1280, height: 720 }),
    title: 'Workshop Kit — presenter',
    webPreferences: secureWebPreferences(join(here, '../preload/index.cjs')),
  });
  presenterWindow = win;
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, allowedOrigins)) event.preventDefault();
  });
  win.on('closed', () => (presenterWindow = null));
  await win.loadURL(new URL(path, localHost.url).toString());
  return { external: external !== undefined };
}

function hardenSession(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

async function createWindow(): Promise<void> {
  if (!localHost) throw new Error('host not started');
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    title: 'Workshop Kit',
    show: false,
    webPreferences: secureWebPreferences(join(here, '../preload/index.cjs')),
  });
  mainWindow = win;
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
  win.on('closed', () => (mainWindow = null));
  await win.loadURL(localHost.url);
}

app.enableSandbox();
app.on('web-contents-created', (_e, contents) => {
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, allowedOrigins)) event.preventDefault();
  });
});

void app.whenReady().then(async () => {
  hardenSession();
  content = await loadContentDir(contentDir());
  sessions = new SessionManager(join(app.getPath('userData'), 'workshop-data'));
  localHost = await startHost({ port: 0, bind: '127.0.0.1', rendererDir: join(here, '../renderer'), contentDir: contentDir(), content, sessions });
  allowedOrigins.push(new URL(localHost.url).origin);
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
  void advertisement?.stop();
  void lanHost?.close();
  void localHost?.close();
});
