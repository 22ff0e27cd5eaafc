/**
 * The presenter (projector) window in main: opens it where presenterPlacement.ts says, and moves it when a display is
 * added, removed or changes (screen's `display-added`, `display-removed`, `display-metrics-changed`).
 *
 * Owns: the one presenter window, what main last did with it (its display and the bounds it gave it), and applying a
 * placement to a real window (leaving full screen first: a full-screen window cannot move between displays).
 */
import { BrowserWindow, screen } from 'electron';
import { placePresenter, replacePresenter, type DisplayInfo, type Placement, type PresenterNow } from './presenterPlacement';
import { isAllowedNavigation, secureWebPreferences } from './security';

export interface PresenterWindowOptions {
  preload: string;
  /** The origins the presenter may show (main's list, which grows when a LAN host is joined). */
  allowedOrigins: readonly string[];
  /** The facilitator's main window: the presenter goes on another display than this one's. */
  mainWindow: () => BrowserWindow | null;
}

function displays(): DisplayInfo[] {
  const primary = screen.getPrimaryDisplay().id;
  return screen
    .getAllDisplays()
    .map((d) => ({ id: d.id, bounds: { ...d.bounds }, workArea: { ...d.workArea }, primary: d.id === primary }));
}

export class PresenterWindow {
  private win: BrowserWindow | null = null;
  /** What main last did: the display and the bounds it gave the window. */
  private placed: Placement | null = null;
  private watching = false;

  constructor(private readonly options: PresenterWindowOptions) {}

  private mainDisplayId(): number | null {
    const main = this.options.mainWindow();
    return main && !main.isDestroyed() ? screen.getDisplayMatching(main.getBounds()).id : null;
  }

  /** Opens (or replaces) the presenter on `url`. Resolves once the page has loaded. */
  async open(url: string): Promise<{ external: boolean }> {
    this.watchDisplays();
    this.win?.close();
    const placement = placePresenter(displays(), this.mainDisplayId());
    const win = new BrowserWindow({
      ...(placement ? { ...placement.bounds, fullscreen: placement.fullscreen } : { width: 1280, height: 720 }),
      title: 'Workshop Kit — presenter',
      webPreferences: secureWebPreferences(this.options.preload),
    });
    this.win = win;
    this.placed = placement;
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    win.webContents.on('will-navigate', (event, target) => {
      if (!isAllowedNavigation(target, this.options.allowedOrigins)) event.preventDefault();
    });
    win.on('closed', () => {
      if (this.win === win) {
        this.win = null;
        this.placed = null;
      }
    });
    await win.loadURL(url);
    return { external: placement?.external ?? false };
  }

  /** The displays changed: move the presenter if presenterPlacement says so. */
  private reconsider(): void {
    const win = this.win;
    if (!win || win.isDestroyed() || !this.placed) return;
    const now = displays();
    const gone = !now.some((d) => d.id === this.placed!.displayId);
    const fullscreen = win.isFullScreen();
    const displayId = gone ? this.placed.displayId : screen.getDisplayMatching(win.getBounds()).id;
    const givenFullScreen = fullscreen && this.placed.fullscreen && displayId === this.placed.displayId;
    const state: PresenterNow = { displayId, fullscreen, bounds: givenFullScreen ? this.placed.bounds : win.getBounds() };
    const next = replacePresenter(now, this.mainDisplayId(), state);
    if (next) this.apply(win, next);
  }

  private apply(win: BrowserWindow, placement: Placement): void {
    this.placed = placement;
    const place = () => {
      if (win.isDestroyed()) return;
      win.setBounds(placement.bounds);
      if (placement.fullscreen) win.setFullScreen(true);
    };
    if (!win.isFullScreen()) return place();
    // A full-screen window cannot move between displays: leave full screen, then move. macOS animates leaving and
    // ignores bounds meanwhile: move once it has left. Elsewhere leaving is immediate. (A listener left waiting on
    // Linux or Windows could re-enter full screen when the facilitator leaves it later.)
    if (process.platform === 'darwin') win.once('leave-full-screen', place);
    win.setFullScreen(false);
    if (process.platform !== 'darwin') place();
  }

  private watchDisplays(): void {
    if (this.watching) return;
    this.watching = true;
    const reconsider = () => this.reconsider();
    screen.on('display-added', reconsider);
    screen.on('display-removed', reconsider);
    screen.on('display-metrics-changed', reconsider);
  }
}
