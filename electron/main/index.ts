/**
 * The desktop app's main process: starts the kit's host in its own process (hostProcess.ts, an Electron utility
 * process, through hostBridge.ts) serving loopback (the window's own origin), opens the window on it, and — on "Host a
 * session" — has it serve the same sessions on the LAN and advertise them. A host that dies is started again on the
 * same loopback port (and the hosted session hosted again), while the window stays open: learners' and the
 * console's room clients reconnect by themselves.
 * The app menu (appMenu.ts) hosts, browses, opens the presenter and ends the session; its pages are shown in the
 * main window (the page navigates itself through the preload's menu channel). The presenter goes on the projector
 * and follows display changes (presenterWindow.ts).
 * Enforces Electron's security checklist: isolated, sandboxed renderer; navigation, pop-ups and permissions
 * limited to our origins; IPC answered only for trusted frames, each request parsed (ipcRequests.ts), and
 * local-only channels refused to pages of a joined remote host.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell, type MessageBoxOptions } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_SESSION_TITLE,
  LOCAL_ONLY_CHANNELS,
  MENU_NAVIGATE_CHANNEL,
  NEARBY_PATH,
  type AppInfo,
  type HostedSession,
  type IpcChannel,
  type IpcContract,
  type NearbySession,
} from '../../shared/ipc/contract';
import { buildMenuTemplate, GUIDE_PATH, HELP_PATH, presenterPathFor, type MenuAction } from './appMenu';
import { HostBridge } from './hostBridge';
import { isOpenableJoinUrl, parseIpcRequest } from './ipcRequests';
import { PresenterWindow } from './presenterWindow';
import { externalUrlToOpen, isAllowedNavigation, isTrustedSender, secureWebPreferences } from './security';

const here = dirname(fileURLToPath(import.meta.url));
let host: HostBridge | null = null;
/** The loopback port of the host's origin: a restarted host asks for the same one, so open pages keep working. */
let localPort = 0;
let quitting = false;
let hosted: HostedSession | null = null;
let mainWindow: BrowserWindow | null = null;
const allowedOrigins: string[] = [];
/** `--no-discovery` (tests, CI): never multicast, neither to advertise nor to browse. */
const discoveryEnabled = !process.argv.includes('--no-discovery');
const foundJoinUrls = new Set<string>();

function contentDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'content') : join(app.getAppPath(), 'content');
}

function runningHost(): HostBridge {
  if (!host) throw new Error('the room host is restarting: try again in a moment');
  return host;
}

async function startHostProcess(): Promise<HostBridge> {
  const bridge = await HostBridge.start(join(here, 'hostProcess.js'), {
    rendererDir: join(here, '../renderer'),
    contentDir: contentDir(),
    dataDir: join(app.getPath('userData'), 'workshop-data'),
    discovery: discoveryEnabled,
    localPort,
  });
  localPort = Number(new URL(bridge.url).port);
  const origin = new URL(bridge.url).origin;
  if (!allowedOrigins.includes(origin)) allowedOrigins.push(origin);
  bridge.onExit((code) => void restartHost(code));
  return bridge;
}

/** The host died: start another (same loopback port), host the same session again; the window stays open. */
async function restartHost(code: number): Promise<void> {
  const before = host?.url;
  host = null;
  if (quitting) return;
  console.error(`Workshop Kit: the room host stopped (exit code ${code}); starting it again`);
  for (let attempt = 1; attempt <= 3 && !host && !quitting; attempt++) {
    try {
      host = await startHostProcess();
    } catch (error) {
      console.error(`Workshop Kit: ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }
  if (!host) return;
  if (hosted) hosted = await host.request('host:start', { title: hosted.title }).catch(() => null);
  refreshMenu();
  // Another port (the old one was taken meanwhile): the window moves to the new origin.
  if (before && new URL(before).origin !== new URL(host.url).origin) void mainWindow?.loadURL(host.url);
}

async function hostSession(title: string): Promise<HostedSession> {
  hosted = await runningHost().request('host:start', { title });
  refreshMenu();
  return hosted;
}

/** The app menu, rebuilt whenever what it offers changes (a session hosted or ended). */
function refreshMenu(): void {
  const template = buildMenuTemplate({ platform: process.platform, appName: app.name, dev: !app.isPackaged, session: hosted }, (action) => {
    runMenuAction(action).catch((error: unknown) => {
      const options: MessageBoxOptions = { type: 'error', message: 'Workshop Kit could not do that', detail: (error as Error).message };
      void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
    });
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/**
 * Shows one of the app's own pages in the main window: the page navigates itself when it is the app's (no reload:
 * the console's room connection stays), otherwise (a joined LAN host's page, or none yet) the window loads it.
 */
async function showInMainWindow(path: string): Promise<void> {
  const local = runningHost();
  if (!mainWindow) await createWindow();
  const win = mainWindow!;
  if (win.isMinimized()) win.restore();
  win.focus();
  const current = win.webContents.getURL();
  const onLocalPage = current !== '' && URL.canParse(current) && new URL(current).origin === new URL(local.url).origin;
  if (onLocalPage && !win.webContents.isLoading()) win.webContents.send(MENU_NAVIGATE_CHANNEL, { path });
  else await win.loadURL(new URL(path, local.url).toString());
}

async function endHostedSession(): Promise<void> {
  const session = hosted;
  if (!session) return;
  const options: MessageBoxOptions = {
    type: 'warning',
    buttons: ['Cancel', 'End session'],
    defaultId: 0,
    cancelId: 0,
    title: 'End session',
    message: `End “${session.title}”?`,
    detail: 'Every screen becomes read-only and nobody new can join. It cannot be reopened.',
  };
  const { response } = mainWindow ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options);
  if (response !== 1) return;
  await runningHost().request('host:end', { code: session.code });
  if (hosted?.code === session.code) hosted = null;
  refreshMenu();
  // The ended session's console: read-only, with the facilitator's reflection.
  await showInMainWindow(session.consolePath);
}

async function runMenuAction(action: MenuAction): Promise<void> {
  switch (action) {
    case 'host': {
      // Resumes the hosted session (or, if it was ended meanwhile, starts a new one with the same title).
      const session = await hostSession(hosted?.title ?? DEFAULT_SESSION_TITLE);
      return showInMainWindow(session.consolePath);
    }
    case 'nearby':
      return showInMainWindow(NEARBY_PATH);
    case 'presenter': {
      const path = hosted ? presenterPathFor(hosted) : null;
      if (path) await openPresenter(path);
      return;
    }
    case 'end':
      return endHostedSession();
    case 'help':
      return showInMainWindow(HELP_PATH);
    case 'guide':
      return showInMainWindow(GUIDE_PATH);
  }
}

async function sessionsNearby(): Promise<NearbySession[]> {
  if (!discoveryEnabled) return [];
  const found = await runningHost().request('discovery:browse', null);
  for (const s of found) for (const url of s.urls) foundJoinUrls.add(url);
  return found;
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
  const localOrigin = () => (host ? [new URL(host.url).origin] : []);
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

const presenter = new PresenterWindow({ preload: join(here, '../preload/index.cjs'), allowedOrigins, mainWindow: () => mainWindow });

/** The projector view: full screen on another display than the console's when there is one, a window otherwise. */
async function openPresenter(path: string): Promise<{ external: boolean }> {
  return presenter.open(new URL(path, runningHost().url).toString());
}

function hardenSession(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

async function createWindow(): Promise<void> {
  const local = runningHost();
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
  await win.loadURL(local.url);
}

app.enableSandbox();
app.on('web-contents-created', (_e, contents) => {
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, allowedOrigins)) event.preventDefault();
  });
});

void app
  .whenReady()
  .then(async () => {
    hardenSession();
    host = await startHostProcess();
    registerIpc();
    refreshMenu();
    await createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void createWindow();
    });
  })
  .catch((error: unknown) => {
    // One sentence and a failing exit: `npm start` then serves the kit for a browser instead (scripts/start.mjs).
    console.error(`Workshop Kit could not start: ${(error as Error).message}`);
    app.exit(1);
  });

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
// The host closes its sessions before the app exits (every acknowledged edit is on disk already; this is tidiness).
app.on('will-quit', (event) => {
  if (quitting || !host) return;
  quitting = true;
  event.preventDefault();
  void host.stop().finally(() => app.quit());
});
