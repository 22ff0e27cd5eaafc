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
import type { SessionManager } from './room/sessions';
import type { HostStatus, SessionsList } from '../../shared/protocol/sessionsApi';
import { StorageError } from './room/storageError';
import { attachRoomSockets, type WsOptions } from './room/wsServer';
import { isLoopback } from './room/budgets';
import { withoutAnswers } from './contentLoader';
import { archiveRoutes } from './archiveRoutes';
import { packResponse } from './packResponse';
import { randomBytes } from 'node:crypto';
import { ReachLog, runPreflight } from './preflight';
import type { PreflightReport } from '../../shared/protocol/preflight';

export interface HostOptions {
  port: number;
  bind: string;
  /** Built renderer (index.html and assets/). */
  rendererDir: string;
  /** The content pack folder (YAML plus diagrams and images). */
  contentDir: string;
  /** The pack as validated at start. */
  content: PackResult;
  /** Sessions of this host; without it the host only serves the kit. */
  sessions?: SessionManager;
  ws?: WsOptions;
  /** Whether the room is advertised on the LAN (mDNS), for the preflight; default: not advertised. */
  discovery?: () => { advertising: boolean; detail: string };
  /**
   * Where the preflight runs when not on this server: the desktop app serves its console from a loopback-only
   * server and the room from a second one on every interface; the console's check must be the LAN server's.
   */
  preflightVia?: () => Promise<PreflightReport> | null;
}

/** What the request handler shares with the preflight: who this host is and which devices reached it. */
interface HostIdentity {
  /** Random per process: /api/health returns it, so the preflight tells this kit from another program on the port. */
  instance: string;
  reach: ReachLog;
  port: () => number;
}

export interface RunningHost {
  url: string;
  lanUrls: string[];
  port: number;
  server: Server;
  /** Runs the room preflight (electron/host/preflight.ts), also probing `extraAddresses`. */
  preflight(extraAddresses?: string[]): Promise<PreflightReport>;
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
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-cache',
    'Content-Length': Buffer.byteLength(text),
  });
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

async function readJsonBody(req: IncomingMessage, limit = 4096): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

/**
 * The facilitator's session API (list, create, end, delete) and the host's storage status (`GET /api/status`:
 * free disk space, failing writes, recent storage problems — the console shows a warning). Every call needs the host key as a bearer token:
 * it is in the facilitator URL the host prints on its own console, and nowhere else. And every call must come from
 * this machine (loopback): the key travels in clear on a LAN without TLS, so it is worth nothing from elsewhere
 * (the WebSocket's facilitator hello follows the same rule, wsServer.ts).
 */
async function sessionsApi(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  sessions: SessionManager,
  lanUrls: () => string[],
  content: PackResult,
  preflight: () => Promise<PreflightReport>,
): Promise<void> {
  if (!isLoopback(req.socket.remoteAddress)) {
    sendJson(res, 403, { error: 'forbidden', message: 'sessions are managed on the host laptop only: open the facilitator link there' });
    return;
  }
  const auth = String(req.headers.authorization ?? '');
  if (auth !== `Bearer ${sessions.hostKey}`) {
    sendJson(res, 401, { error: 'unauthorized', message: 'open the facilitator link printed by the host to manage sessions' });
    return;
  }
  if (pathname === '/api/status') {
    sendJson(res, 200, (await sessions.status()) satisfies HostStatus);
    return;
  }
  if (pathname === '/api/preflight') {
    sendJson(res, 200, await preflight());
    return;
  }
  const parts = pathname.split('/').filter(Boolean); // api, sessions, [id], [action]
  const id = parts[2];
  const action = parts[3];
  if (await archiveRoutes(req, res, parts, sessions, content.ok ? content.pack : null)) return;
  if (parts.length === 2 && req.method === 'GET') {
    sendJson(res, 200, { sessions: sessions.list(), joinBases: lanUrls() } satisfies SessionsList);
    return;
  }
  if (parts.length === 2 && req.method === 'POST') {
    let body: unknown;
    try {
      body = await readJsonBody(req);
    } catch {
      sendJson(res, 400, { error: 'bad-request', message: 'send JSON like {"title":"Workshop, room 4"}' });
      return;
    }
    const title = typeof (body as { title?: unknown }).title === 'string' ? (body as { title: string }).title.trim() : '';
    if (!title || title.length > 120) {
      sendJson(res, 400, { error: 'bad-request', message: 'a session needs a title of 1 to 120 characters' });
      return;
    }
    let room;
    try {
      room = sessions.create(title);
    } catch (error) {
      if (!(error instanceof StorageError)) throw error;
      sendJson(res, 507, { error: 'storage', message: error.message });
      return;
    }
    sendJson(res, 201, { id: room.meta.id, code: room.meta.code, title, joinUrls: lanUrls().map((u) => `${u}join/${room.meta.code}`) });
    return;
  }
  if (id && action === 'end' && req.method === 'POST') {
    sendJson(res, sessions.end(id) ? 200 : 404, { id, ended: true });
    return;
  }
  if (id && !action && req.method === 'DELETE') {
    sendJson(res, (await sessions.delete(id)) ? 200 : 404, { id, deleted: true });
    return;
  }
  if (id && action === 'resume' && req.method === 'POST') {
    const room = sessions.open(id);
    sendJson(res, room ? 200 : 404, room ? { id, code: room.meta.code, ended: room.ended } : { error: 'not-found' });
    return;
  }
  sendJson(res, 404, { error: 'not-found' });
}

function preflightOf(options: HostOptions, identity: HostIdentity): (extraAddresses?: string[]) => Promise<PreflightReport> {
  return (extraAddresses) =>
    runPreflight({
      port: identity.port(),
      bind: options.bind,
      instance: identity.instance,
      discovery: options.discovery?.() ?? { advertising: false, detail: 'off' },
      learners: identity.reach.snapshot(),
      ...(extraAddresses ? { extraAddresses } : {}),
    });
}

export function createRequestHandler(
  options: HostOptions,
  lanUrls: () => string[] = () => [],
  identity: HostIdentity = { instance: randomBytes(8).toString('hex'), reach: new ReachLog(), port: () => options.port },
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const own = preflightOf(options, identity);
  const preflight = () => options.preflightVia?.() ?? own();
  const cache = new FileCache();
  // Learners read pack.json: quiz answers stay with the host (answers.json, for the facilitator) until revealed.
  const served = options.content.ok ? withoutAnswers(options.content.pack) : null;
  const pack = packResponse(
    JSON.stringify(options.content.ok ? { ok: true, pack: served!.pack, summary: options.content.summary } : { ok: false, issues: options.content.issues }),
    options.content.ok,
  );

  return async (req, res) => {
    baseHeaders(res);
    identity.reach.note(req);
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://host.invalid').pathname;
    } catch {
      sendText(res, 400, 'Bad request');
      return;
    }
    if (
      options.sessions &&
      (pathname === '/api/sessions' ||
        pathname.startsWith('/api/sessions/') ||
        (pathname === '/api/status' && req.method === 'GET') ||
        (pathname === '/api/preflight' && req.method === 'GET'))
    ) {
      await sessionsApi(req, res, pathname, options.sessions, lanUrls, options.content, preflight);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendText(res, 405, 'Method not allowed');
      return;
    }

    if (pathname === '/api/health') {
      sendJson(res, 200, { ok: true, content: options.content.ok, instance: identity.instance });
      return;
    }
    if (pathname === '/content/pack.json') {
      pack.send(req, res, CSP);
      return;
    }
    if (pathname === '/content/answers.json') {
      if (!options.sessions || req.headers.authorization !== `Bearer ${options.sessions.hostKey}`)
        return sendJson(res, 401, { error: 'unauthorized', message: 'the answers are for the facilitator: open the facilitator link' });
      return sendJson(res, 200, served?.answers ?? {});
    }
    if (pathname.startsWith('/content/')) {
      const path = resolveInside(options.contentDir, pathname.slice('/content/'.length));
      // Only assets (diagrams, images) are served raw; YAML reaches the app validated, through pack.json.
      const ext = path ? extname(path).toLowerCase() : '';
      const file =
        path && ['.svg', '.png', '.jpg', '.jpeg', '.gif', '.webp'].includes(ext) ? await cache.get(path, options.contentDir) : null;
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
    const file = pathname === '/' ? null : await cache.get(path, options.rendererDir);
    if (file) {
      const immutable = pathname.startsWith('/assets/');
      sendFile(req, res, file, immutable ? 'public, max-age=31536000, immutable' : 'no-cache', CSP);
      return;
    }
    // App routes (/kit/…, /join/…) get the app shell; a missing file with an extension is a real 404.
    if (extname(pathname) === '' || pathname === '/') {
      const index = await cache.get(resolveInside(options.rendererDir, 'index.html') ?? '', options.rendererDir);
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
  let lanUrls: string[] = [];
  let port = options.port;
  const identity: HostIdentity = { instance: randomBytes(8).toString('hex'), reach: new ReachLog(), port: () => port };
  const handler = createRequestHandler(options, () => lanUrls, identity);
  const server = createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      process.stderr.write(`host: error serving ${req.url}: ${(error as Error).stack ?? String(error)}\n`);
      if (!res.headersSent) sendText(res, 500, 'Internal error');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  const sockets = options.sessions ? attachRoomSockets(server, options.sessions, options.ws) : null;
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.bind, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;
  const loopback = options.bind === '0.0.0.0' || options.bind === '127.0.0.1' || options.bind === 'localhost' || options.bind === '::';
  const url = httpUrl(loopback ? '127.0.0.1' : options.bind, port);
  const reachable = reachableLanAddresses(options.bind).map((a) => httpUrl(a, port));
  // Join links use the LAN addresses; a loopback-only host can only be joined from this machine.
  lanUrls = reachable.length > 0 ? reachable : [url];
  return {
    url,
    lanUrls: reachable,
    port,
    server,
    preflight: preflightOf(options, identity),
    close: async () => {
      sockets?.close();
      await options.sessions?.closeAll();
      await new Promise<void>((resolvePromise) => {
        server.close(() => resolvePromise());
        server.closeAllConnections();
      });
    },
  };
}
