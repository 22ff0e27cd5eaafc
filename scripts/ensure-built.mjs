#!/usr/bin/env node
/**
 * Builds the app (electron-vite: main, preload, renderer into out/) when it is missing or older than its
 * sources; otherwise does nothing, fast. All output goes to stderr so that commands which print a JSON line on
 * stdout (npm run host) stay parseable. Content problems do not stop this build: the host and the app report
 * them (npm run build, by contrast, fails on them).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const stamp = join(root, 'out', '.build-stamp');
const inputs = ['renderer', 'shared', 'electron', 'package.json', 'package-lock.json', 'vite.renderer.ts', 'electron.vite.config.ts'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let max = info.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    max = Math.max(max, newest(join(path, entry)));
  }
  return max;
}

export function isBuildFresh() {
  if (!existsSync(stamp) || !existsSync(join(root, 'out', 'renderer', 'index.html'))) return false;
  const built = statSync(stamp).mtimeMs;
  return inputs.every((input) => newest(join(root, input)) <= built);
}

export function ensureBuilt() {
  if (isBuildFresh()) return true;
  process.stderr.write('Building the app (first run or sources changed)…\n');
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
    env: { ...process.env, WORKSHOP_KIT_CONTENT_CHECK: 'warn' },
  });
  if (result.status !== 0) {
    process.stderr.write('The build failed (see above). Run `npm install` if dependencies are missing, then try again.\n');
    return false;
  }
  writeFileSync(stamp, new Date().toISOString());
  process.stderr.write('Built.\n');
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `--stamp`: record that a build just finished (npm run build calls it after electron-vite build).
  if (process.argv.includes('--stamp')) writeFileSync(stamp, new Date().toISOString());
  else process.exit(ensureBuilt() ? 0 : 1);
}
