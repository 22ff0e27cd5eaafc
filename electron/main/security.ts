/**
 * Electron's security checklist as pure functions, so they are unit-tested without the Electron binary:
 * the window options every window gets, which URLs a window may navigate to, which links may leave the app.
 * Imports only types from `electron`.
 */
import type { WebPreferences } from 'electron';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** A window may only show pages of the origins it trusts (its own host, and the LAN host it joined). */
export function isAllowedNavigation(url: string, allowedOrigins: readonly string[]): boolean {
  const parsed = parse(url);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return false;
  if (parsed.username || parsed.password) return false;
  return allowedOrigins.includes(parsed.origin);
}

/**
 * Links that leave the app open in the system browser only when they are plain http(s) with a host:
 * never file:, javascript:, data:, smb:/UNC paths or custom schemes that would run local programs.
 */
export function externalUrlToOpen(url: string): string | null {
  const parsed = parse(url);
  if (!parsed) return null;
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (!parsed.hostname || parsed.username || parsed.password) return null;
  return parsed.toString();
}

/** IPC is answered only for frames showing one of our origins. */
export function isTrustedSender(frameUrl: string | undefined, allowedOrigins: readonly string[]): boolean {
  return frameUrl !== undefined && isAllowedNavigation(frameUrl, allowedOrigins);
}
