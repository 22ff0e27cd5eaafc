/**
 * The service worker that lets a learner reload the kit while the host is unreachable (renderer/sw.js). Browsers allow
 * it on https and loopback only (not on a plain-HTTP LAN), and never in the desktop app (it loads from its own host).
 *
 * Owns: when it is registered. Its install downloads and stores every file of the app (megabytes, ~200 requests to
 * the host), so it waits until it no longer competes with what the person is waiting for: on the join and room pages,
 * until this device is in the room (the room screen online, RoomProvider.tsx); elsewhere, until the page has loaded
 * and the browser is idle.
 */
let registered = false;

function available(): boolean {
  return 'serviceWorker' in navigator && window.isSecureContext && !window.workshopKit && import.meta.env.PROD;
}

/** Registers the service worker (once) when the browser is next idle. */
export function registerOfflineReload(): void {
  if (registered || !available()) return;
  registered = true;
  const register = () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  if ('requestIdleCallback' in window) window.requestIdleCallback(register, { timeout: 5000 });
  else setTimeout(register, 1000);
}

/** At start: a page that is not joining a room registers once loaded; joining pages wait for the room (see above). */
export function registerOfflineReloadAfterLoad(): void {
  if (/^\/(join|room)(\/|$)/.test(location.pathname)) return;
  if (document.readyState === 'complete') registerOfflineReload();
  else window.addEventListener('load', registerOfflineReload, { once: true });
}
