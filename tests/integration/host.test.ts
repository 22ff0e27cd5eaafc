/**
 * The headless host, for real: spawned as `npm run host` (and directly), on loopback, with --no-discovery.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';

describe('npm run host', () => {
  let host: HostProcess;
  beforeAll(async () => {
    host = await startHostProcess({ viaNpm: true });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('prints the listening line as the contract says', () => {
    expect(host.line.event).toBe('listening');
    expect(host.line.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(host.line.port).toBeGreaterThan(0);
    expect(Array.isArray(host.line.lanUrls)).toBe(true);
    // Bound to loopback, the host is reachable from no LAN address.
    expect(host.line.lanUrls).toEqual([]);
  });

  it('serves the app with a strict Content-Security-Policy', async () => {
    const res = await fetch(host.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers app routes with the app shell, and missing files with 404', async () => {
    expect((await fetch(new URL('kit/phases/engage', host.url))).status).toBe(200);
    expect((await fetch(new URL('assets/missing.js', host.url))).status).toBe(404);
  });

  it('serves the validated content pack, and never the raw YAML', async () => {
    const res = await fetch(new URL('content/pack.json', host.url));
    const body = (await res.json()) as { ok: boolean };
    expect(typeof body.ok).toBe('boolean');
    expect((await fetch(new URL('content/lesson.yaml', host.url))).status).toBe(404);
  });

  it('sends the content pack gzipped with an ETag, and answers a page that has it with 304 and no body', async () => {
    const get = (headers: Record<string, string>) =>
      new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((done, fail) => {
        httpGet(new URL('content/pack.json', host.url), { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', fail);
      });
    const plain = await get({});
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await get({ 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.body.length).toBeLessThan(plain.body.length / 2);
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    expect(zipped.headers['cache-control']).toBe('no-cache');
    const etag = zipped.headers.etag;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(plain.headers.etag).toBe(etag);
    const again = await get({ 'accept-encoding': 'gzip', 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await get({ 'if-none-match': '"something-else"' })).status).toBe(200);
  });

  it('cannot be walked out of its folders', async () => {
    for (const path of ['..%2f..%2fpackage.json', '%2e%2e/%2e%2e/package.json', 'content/..%2f..%2fpackage.json', 'content/%2e%2e/package.json']) {
      const res = await fetch(`${host.url}${path}`);
      expect(res.status, path).toBe(404);
    }
  });

  it('answers a broken request target on the WebSocket upgrade with 400 and keeps serving', async () => {
    const { port } = new URL(host.url);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
      });
      let text = '';
      socket.on('data', (d) => (text += d.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await fetch(`${host.url}api/health`)).status).toBe(200);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await fetch(host.url, { method: 'POST', body: 'x' })).status).toBe(405);
  });
});

describe('host lifecycle', () => {
  it('exits 0 on SIGINT and on SIGTERM, also through npm', async () => {
    for (const [signal, viaNpm] of [['SIGINT', false], ['SIGTERM', false], ['SIGTERM', true]] as const) {
      const host = await startHostProcess({ viaNpm });
      expect((await fetch(host.url)).status).toBe(200);
      expect(await host.stop(signal), `${signal} via npm: ${viaNpm}`).toBe(0);
    }
  });

  it('refuses bad flags with a message that says what to do', () => {
    const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'electron/host/cli.ts', '--no-discovery', ...args], { encoding: 'utf8' });
    const badPort = run(['--port', 'eighty']);
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toContain('--port must be a whole number from 0 to 65535');
    const unknown = run(['--colour', 'blue']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--colour'[\s\S]*Usage: npm run host/);
  });

  it('says when the port is taken', async () => {
    const first = await startHostProcess();
    const second = spawnSync(process.execPath, ['--import', 'tsx', 'electron/host/cli.ts', '--no-discovery', '--bind', '127.0.0.1', '--port', String(first.line.port)], { encoding: 'utf8' });
    expect(second.status).toBe(2);
    expect(second.stderr).toContain(`port ${first.line.port} is already in use`);
    await first.stop();
  });

  it('keeps serving with a broken content pack, names file and field on stderr and in pack.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wk-content-'));
    cpSync('content', dir, { recursive: true });
    const file = join(dir, 'phases', 'engage.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^minutes: 30$/m, 'minutes: thirty'));
    const host = await startHostProcess({ args: ['--content', dir] });
    try {
      expect(host.line.content).toBe('invalid');
      expect(host.stderr()).toMatch(/phases\/engage\.yaml: minutes: /);
      const res = await fetch(new URL('content/pack.json', host.url));
      expect(res.status).toBe(500);
      const body = (await res.json()) as { ok: boolean; issues: { file: string; field: string }[] };
      expect(body.ok).toBe(false);
      expect(body.issues).toContainEqual(expect.objectContaining({ file: 'phases/engage.yaml', field: 'minutes' }));
      expect((await fetch(host.url)).status).toBe(200);
    } finally {
      await host.stop();
    }
  });
});
