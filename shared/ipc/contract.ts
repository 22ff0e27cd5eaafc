/**
 * The desktop bridge: every IPC channel with its request and response. Main registers one handler per
 * channel from this map (parsing each request as unknown), the preload exposes exactly these calls, the renderer
 * calls through them. Nothing else crosses the bridge (no generic send/invoke, no ipcRenderer, no process.env).
 */
export interface AppInfo {
  version: string;
  platform: string;
  /** Electron's version in the desktop app, null in a browser. */
  electron: string | null;
}

export interface HostedSession {
  code: string;
  title: string;
  /** Links learners open on the LAN (one per network address). */
  joinUrls: string[];
  /** Path of the facilitator console on this app's own origin (carries the host key in its fragment). */
  consolePath: string;
  /** Whether the session is advertised on the LAN (DNS-SD). */
  discovery: boolean;
}

export interface NearbySession {
  title: string;
  code: string;
  urls: string[];
}

export interface IpcContract {
  'app:info': { request: null; response: AppInfo };
  'host:start': { request: { title: string }; response: HostedSession };
  'host:current': { request: null; response: HostedSession | null };
  'discovery:browse': { request: null; response: NearbySession[] };
  'discovery:open': { request: { url: string }; response: boolean };
  /** Opens the presenter view in its own window: full screen on the external display when there is one. */
  'presenter:open': { request: { path: string }; response: { external: boolean } };
}

export type IpcChannel = keyof IpcContract;
export const IPC_CHANNELS: readonly IpcChannel[] = ['app:info', 'host:start', 'host:current', 'discovery:browse', 'discovery:open', 'presenter:open'];
/** Channels that act on this computer: answered only for the app's own pages, never for a joined remote host. */
export const LOCAL_ONLY_CHANNELS: readonly IpcChannel[] = ['host:start', 'host:current', 'discovery:browse', 'discovery:open', 'presenter:open'];

/**
 * main → renderer, the one message main sends a page: the app menu asks the main window's page (the app's own
 * origin only) to show one of the app's paths. The preload checks each path with `isAppPath` and hands it to the
 * page's `onMenuNavigate` listener (keeping the last one until the page listens).
 */
export const MENU_NAVIGATE_CHANNEL = 'menu:navigate';
/** Where the app menu's "Sessions nearby…" goes: the home page's Sessions nearby card, which then looks by itself. */
export const NEARBY_PATH = '/#sessions-nearby';
/** The title "Host a session" uses (the home page's default, and the app menu's). */
export const DEFAULT_SESSION_TITLE = 'From DevOps to MLOps';

/** A path of this app ("/console/CODE#key=…", "/#sessions-nearby"): never another origin, scheme or host. */
export function isAppPath(path: unknown): path is string {
  return typeof path === 'string' && path.length <= 300 && /^\/(?![/\\])[^\s\\]*$/.test(path);
}

/** What the preload exposes as `window.workshopKit`. */
export interface DesktopApi {
  appInfo(): Promise<AppInfo>;
  hostSession(title: string): Promise<HostedSession>;
  currentSession(): Promise<HostedSession | null>;
  sessionsNearby(): Promise<NearbySession[]>;
  openNearby(url: string): Promise<boolean>;
  openPresenter(path: string): Promise<{ external: boolean }>;
  /** Listens for the app menu's navigation (one listener; returns its removal). */
  onMenuNavigate(listener: (path: string) => void): () => void;
}

/** The names of `DesktopApi`'s calls: exactly what `window.workshopKit` must have (the Electron smoke test checks it). */
export const DESKTOP_API_METHODS = ['appInfo', 'hostSession', 'currentSession', 'sessionsNearby', 'openNearby', 'openPresenter', 'onMenuNavigate'] as const;
// Compile-time: the list names every call of DesktopApi, and nothing else.
type Listed = (typeof DESKTOP_API_METHODS)[number];
const everyCallListed: Record<keyof DesktopApi, true> = { appInfo: true, hostSession: true, currentSession: true, sessionsNearby: true, openNearby: true, openPresenter: true, onMenuNavigate: true } satisfies Record<Listed, true>;
void everyCallListed;
