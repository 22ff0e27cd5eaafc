/**
 * `npm start` where Electron cannot run: it says so in one sentence and serves the kit, printing the URL.
 * ELECTRON_OVERRIDE_DIST_PATH points at an empty folder so the fallback is exercised on every machine, even
 * one where the Electron binary is installed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('npm start falls back to serving the kit for a browser, and says why', async () => {
  const child = spawn('npm', ['start'], {
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: mkdtempSync(join(tmpdir(), 'no-electron-')) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 60_000);
      child.stdout.on('data', () => {
        const match = /Open (http:\/\/127\.0\.0\.1:\d+\/) in your browser/.exec(out);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    expect(out).toMatch(/cannot open its desktop window because .+, so it is serving the kit for your browser instead\./);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
  } finally {
    child.kill('SIGINT');
    await exited;
  }
});
