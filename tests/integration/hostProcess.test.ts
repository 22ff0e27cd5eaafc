/**
 * The desktop app's host process (electron/main/hostProcess.ts) answers main's messages (hostMessages.ts): it
 * serves the loopback origin the window loads, hosts a session on request, answers every request by id (an error as
 * a sentence), and stops when asked. Run under Node with a stand-in for Electron's parentPort (the binary is not
 * installed everywhere); the Electron smoke test checks the real utility process where it is.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFromHost, type FromHost, type ToHost } from '../../electron/main/hostMessages';
import type { HostedSession } from '../../shared/ipc/contract';

/** Every source file main's entry loads, following relative imports (type-only imports load nothing at run time). */
function loadedByMain(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/^import (?!type )[^;]*?from '(\.[^']+)'/gms)) {
      const base = resolve(dirname(file), spec!);
      const found = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((f) => existsSync(f));
      if (found) visit(found);
    }
  };
  visit(resolve(entry));
  return [...seen].map((f) => relative(process.cwd(), f));
}

describe('the desktop host process', () => {
  it("main's process loads no host code: the host runs only in the process main forks", () => {
    const files = loadedByMain('electron/main/index.ts');
    expect(files).toContain('electron/main/hostBridge.ts');
    expect(files.filter((f) => f.startsWith('electron/host/') || f === 'electron/main/hostProcess.ts')).toEqual([]);
  });

  let child: ChildProcess;
  const received: FromHost[] = [];
  const next = async (test: (m: FromHost) => boolean, timeoutMs = 60_000): Promise<FromHost> => {
    const start = Date.now();
    for (;;) {
      const found = received.find(test);
      if (found) return found;
      if (Date.now() - start > timeoutMs) throw new Error(`no such message; got ${JSON.stringify(received)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const send = (message: ToHost) => child.send(message);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('serves loopback, hosts a session by request id, refuses with a sentence, and stops when asked', async () => {
    child = fork(resolve('tests/helpers/utilityProcessShim.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (m) => {
      const parsed = parseFromHost(m);
      if (parsed) received.push(parsed);
    });
    await next((m) => m.type === 'listening');
    send({ type: 'request', id: 1, kind: 'host:start', request: { title: 'Too early' } });
    expect(await next((m) => m.type === 'reply' && m.id === 1)).toEqual({ type: 'reply', id: 1, ok: false, message: 'the room host is still starting: try again in a moment' });
    send({ type: 'init', init: { rendererDir: resolve('out/renderer'), contentDir: resolve('content'), dataDir: mkdtempSync(join(tmpdir(), 'wk-desktop-host-')), discovery: false, localPort: 0 } });
    const ready = await next((m) => m.type === 'ready');
    if (ready.type !== 'ready') throw new Error('unreachable');
    expect(ready.pid).toBe(child.pid);
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await fetch(new URL('/api/health', ready.url))).ok).toBe(true);

    send({ type: 'request', id: 7, kind: 'host:start', request: { title: 'Desktop room' } });
    const hosted = await next((m) => m.type === 'reply' && m.id === 7);
    expect(hosted).toMatchObject({ ok: true, value: { title: 'Desktop room', code: expect.stringMatching(/^[A-HJKMNP-Z2-9]{6}$/), discovery: false } });
    const session = (hosted as { value: HostedSession }).value;
    expect(session.consolePath).toMatch(new RegExp(`^/console/${session.code}#key=`));

    send({ type: 'request', id: 8, kind: 'discovery:browse', request: null });
    expect(await next((m) => m.type === 'reply' && m.id === 8)).toEqual({ type: 'reply', id: 8, ok: true, value: [] });

    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    send({ type: 'stop' });
    expect(await exited).toBe(0);
    expect(received.some((m) => m.type === 'stopped')).toBe(true);
  });
});
