/**
 * Finds the Electron executable WITHOUT triggering its lazy download (require('electron') would try to fetch it
 * from the internet when it is missing). Returns { path } or { reason } saying in one sentence why there is none.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

export function findElectron() {
  const require = createRequire(import.meta.url);
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed (run npm install)' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const path = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron');
    return existsSync(path) ? { path } : { reason: `ELECTRON_OVERRIDE_DIST_PATH has no Electron binary at ${path}` };
  }
  if (!relative) return { reason: "Electron's binary was never downloaded (no internet access when npm install ran)" };
  const path = join(pkgDir, 'dist', relative);
  return existsSync(path) ? { path } : { reason: `Electron's binary is missing from ${join(pkgDir, 'dist')}` };
}

/** On Linux a window needs a display server. */
export function displayProblem() {
  if (process.platform !== 'linux') return null;
  if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return null;
  return 'there is no display to open a window on (no DISPLAY or WAYLAND_DISPLAY)';
}
