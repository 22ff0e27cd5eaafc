/**
 * The host's HTTP side: serves the built renderer, the validated content pack and its assets, on one port that
 * later also carries the room's WebSocket.
 *
 * Owns: routing, security headers (CSP, nosniff, no referrer), SPA fallback for app routes, caching rules
 * (hashed assets immutable, everything else revalidated) and gzip. Never imports `electron`: it runs headless
 * (`npm run host`) and inside the desktop app alike.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { ASSET_CSP, contentSecurityPolicy } from '../../shared/security/csp';
import type { PackResult } from '../../shared/content/pack';
import { FileCache, resolveInside, type StaticFile } from './staticFiles';
import { httpUrl, reachableLanAddresses } from './network';

export interface HostOptions {
  port: number;
  bind: string;
  /** Built renderer (index.html and assets/). */
  rendererDir: string;
  /** The content pack folder (YAML plus diagrams and images). */
  contentDir: string;
  /** The pack as validated at start. */
  content: PackResult;
}

export interface RunningHost {
  url: string;
  lanUrls: string[];
  port: number;
  server: Server;
  close(): Promise<void>;
}

const CSP = contentSecurityPolicy();

function baseHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: StaticFile, cacheControl: string, csp: string): void {
  const etag = `"${file.body.length.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}"`;
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('Content-Type', file.type);
  res.setHeader('Content-Security-Policy', csp);
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304);
    res.end();
    return;
  }
  const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = file.gzip && acceptsGzip ? file.gzip : file.body;
  if (body === file.gzip) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('Content-Length', body.length);
  res.writeHead(200);
  res.end(req.method === 'HEAD' ? undefined : body);
}

export function createRequestHandler(options: HostOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const cache = new FileCache();
  const packJson = JSON.stringify(options.content.ok ? { ok: true, pack: options.content.pack, summary: options.content.summary } : { ok: false, issues: options.content.issues });

  return async (req, res) => {
    baseHeaders(res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendText(res, 405, 'Method not allowed');
      return;
    }
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://host.invalid').pathname;
    } catch {
      sendText(res, 400, 'Bad request');
      return;
    }

    if (pathname === '/api/health') {
      sendJson(res, 200, { ok: true, content: options.content.ok });
      return;
    }
    if (pathname === '/content/pack.json') {
      res.writeHead(options.content.ok ? 200 : 500, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache', 'Content-Security-Policy': CSP });
      res.end(req.method === 'HEAD' ? undefined : packJson);
      return;
    }
    if (pathname.startsWith('/content/')) {
      const path = resolveInside(options.contentDir, pathname.slice('/content/'.length));
      // Only assets (diagrams, images) are served raw; YAML reaches the app validated, through pack.json.
      const ext = path ? extname(path).toLowerCase() : '';
      const file = path && ['.svg', '.png', '.jpg', '.jpeg', '.gif', '.webp'].includes(ext) ? await cache.get(path) : null;
      if (!file) {
        sendText(res, 404, 'Not found');
        return;
      }
      sendFile(req, res, file, 'no-cache', ASSET_CSP);
      return;
    }

    const path = resolveInside(options.rendererDir, pathname);
    if (path === null) {
      sendText(res, 404, 'Not found');
      return;
    }
    const file = pathname === '/' ? null : await cache.get(path);
    if (file) {
      const immutable = pathname.startsWith('/assets/');
      sendFile(req, res, file, immutable ? 'public, max-age=31536000, immutable' : 'no-cache', CSP);
      return;
    }
    // App routes (/kit/…, /join/…) get the app shell; a missing file with an extension is a real 404.
    if (extname(pathname) === '' || pathname === '/') {
      const index = await cache.get(resolveInside(options.rendererDir, 'index.html') ?? '');
      if (index) {
        sendFile(req, res, index, 'no-cache', CSP);
        return;
      }
      sendText(res, 503, 'The app is not built: run `npm run build`, then start the host again.');
      return;
    }
    sendText(res, 404, 'Not found');
  };
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const handler = createRequestHandler(options);
  const server = createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      process.stderr.write(`host: error serving ${req.url}: ${(error as Error).stack ?? String(error)}\n`);
      if (!res.headersSent) sendText(res, 500, 'Internal error');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.bind, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const loopback = options.bind === '0.0.0.0' || options.bind === '127.0.0.1' || options.bind === 'localhost' || options.bind === '::';
  return {
    url: httpUrl(loopback ? '127.0.0.1' : options.bind, port),
    lanUrls: reachableLanAddresses(options.bind).map((a) => httpUrl(a, port)),
    port,
    server,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.close(() => resolvePromise());
        server.closeAllConnections();
      }),
  };
}
