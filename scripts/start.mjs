#!/usr/bin/env node
/**
 * `npm start [-- --browser]`: builds what is missing, then opens the desktop app. Where Electron cannot run
 * (binary not downloaded, no display, or it crashes at start) it says so in one sentence and serves the kit for a
 * browser on this machine instead, printing the URL. It never fails silently.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { ensureBuilt } from './ensure-built.mjs';
import { displayProblem, findElectron } from './electronBinary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_PORT = 8737;

if (!ensureBuilt()) process.exit(1);

function serveForBrowser(why) {
  console.log(`Workshop Kit cannot open its desktop window because ${why}, so it is serving the kit for your browser instead.`);
  const tryPort = (port) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron/host/cli.ts'), '--port', String(port), '--bind', '127.0.0.1', '--no-discovery'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let out = '';
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!/already in use/.test(stderr)) process.stderr.write(d);
    });
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n')[0];
      if (!out.includes('\n') || !line) return;
      try {
        const { url } = JSON.parse(line);
        console.log(`Open ${url} in your browser (Chrome, Edge, Firefox or Safari). Press Ctrl+C to stop.`);
        console.log('To host a room for learners on your network, use: npm run host');
        out = '\u0000';
      } catch {
        /* not the listening line */
      }
    });
    child.on('exit', (code) => {
      if (code === 2 && /already in use/.test(stderr) && port !== 0) {
        console.log(`Port ${port} is busy; picking a free one.`);
        tryPort(0);
        return;
      }
      process.exit(code ?? 0);
    });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  };
  tryPort(DEFAULT_PORT);
}

const forceBrowser = process.argv.includes('--browser');
const electron = findElectron();
const noDisplay = displayProblem();
if (forceBrowser) serveForBrowser('you asked for the browser (--browser)');
else if (!electron.path) serveForBrowser(electron.reason);
else if (noDisplay) serveForBrowser(noDisplay);
else {
  const started = Date.now();
  let stderr = '';
  const child = spawn(electron.path, [root], { cwd: root, stdio: ['ignore', 'inherit', 'pipe'] });
  child.stderr.on('data', (d) => {
    stderr += d;
    process.stderr.write(d);
  });
  child.on('error', (error) => serveForBrowser(`Electron could not be started (${error.message})`));
  child.on('exit', (code, signal) => {
    if (code !== 0 && !signal && Date.now() - started < 10_000) {
      const first = stderr.trim().split('\n').find(Boolean) ?? `exit code ${code}`;
      serveForBrowser(`Electron stopped at start (${first.slice(0, 160)})`);
      return;
    }
    process.exit(code ?? 0);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}
