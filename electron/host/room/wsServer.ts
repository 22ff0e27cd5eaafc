/**
 * The room's WebSocket endpoint (`/ws` on the host's HTTP port).
 *
 * Owns: the edge of the network — Origin check (a page may only connect to the host it came from), frame size
 * limit (ws closes oversized frames with 1009), the connection and address budgets of budgets.ts (a global
 * connection cap, connections per address, frames AND bytes per second per connection and per address — a
 * connection over its budget is told, then disconnected; slow readers dropped past `maxBufferedBytes`), new
 * participants per address per minute and per session, throttling of failed joins (room-code guessing), the host
 * key accepted from this machine only, the hello timeout, keep-alive pings, refusing NEW learners while the host's
 * disk is almost full (diskSpace.ts) — and routing each socket to its Room after its hello. Everything else is the
 * Room's.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { MAX_FRAME_BYTES, parseClientText, type HostText, type RejectionReason } from '../../../shared/protocol/protocol';
import type { Room, RoomSocket } from './room';
import type { SessionManager } from './sessions';
import { isKnownLearner } from './identity';
import { StorageError } from './storageError';
import { KeyedBuckets, PerMinute, TokenBucket, isLoopback } from './budgets';

export interface WsOptions {
  /** Failed joins per address per minute before further attempts are refused. */
  maxFailedJoinsPerMinute?: number;
  helloTimeoutMs?: number;
}

export interface WsStats {
  connections: number;
  rejected: Map<string, number>;
}

function toBytes(data: RawData): Uint8Array {
  if (Buffer.isBuffer(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return new Uint8Array(data);
}

export function attachRoomSockets(server: Server, sessions: SessionManager, options: WsOptions = {}): { stats: WsStats; close(): void } {
  const budgets = sessions.budgets;
  const addressFrames = new KeyedBuckets(budgets.addressFramesPerSecond, budgets.addressFrameBurst);
  const addressBytes = new KeyedBuckets(budgets.addressBytesPerSecond, budgets.addressByteBurst);
  const newLearners = new PerMinute(budgets.newLearnersPerAddressPerMinute);
  const maxFailed = options.maxFailedJoinsPerMinute ?? 20;
  const helloTimeoutMs = options.helloTimeoutMs ?? 10_000;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const perAddress = new Map<string, number>();
  const failedJoins = new Map<string, number[]>();
  const stats: WsStats = { connections: 0, rejected: new Map() };
  const count = (reason: string) => stats.rejected.set(reason, (stats.rejected.get(reason) ?? 0) + 1);

  const refuseUpgrade = (socket: Duplex, status: number, text: string, reason: string) => {
    count(reason);
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    let pathname: string;
    try {
      // An absolute or broken request target (`GET http://[ HTTP/1.1`) makes URL throw: refuse it, never crash.
      // (The base only lets URL parse a path; nothing is ever requested from it.)
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return refuseUpgrade(socket, 400, 'Bad Request', 'bad-path');
    }
    if (pathname !== '/ws') return refuseUpgrade(socket, 404, 'Not Found', 'bad-path');
    const origin = req.headers.origin;
    if (origin !== undefined) {
      let originHost: string | null = null;
      try {
        originHost = new URL(origin).host;
      } catch {
        originHost = null;
      }
      if (originHost !== req.headers.host) return refuseUpgrade(socket, 403, 'Forbidden', 'bad-origin');
    }
    const address = req.socket.remoteAddress ?? 'unknown';
    if (stats.connections >= budgets.maxConnections) return refuseUpgrade(socket, 503, 'Service Unavailable', 'too-many-connections');
    if ((perAddress.get(address) ?? 0) >= budgets.maxConnectionsPerAddress) return refuseUpgrade(socket, 429, 'Too Many Requests', 'too-many-connections');
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, address));
  });

  function onConnection(ws: WebSocket, address: string): void {
    perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
    stats.connections++;
    let room: Room | null = null;
    const frames = new TokenBucket(budgets.framesPerSecond, budgets.frameBurst);
    const bytes = new TokenBucket(budgets.bytesPerSecond, budgets.byteBurst);
    let strikes = 0;
    let lastStrike = 0;
    let alive = true;
    const adapter: RoomSocket = {
      send: (data) => {
        if (ws.readyState !== ws.OPEN) return;
        // A client that does not read (or cannot keep up) would make the host hold everything for it: drop it; it
        // reconnects and syncs what it lacks (the state vector), nothing is lost.
        if (ws.bufferedAmount > budgets.maxBufferedBytes) {
          count('slow-consumer');
          ws.terminate();
          return;
        }
        ws.send(data);
      },
      close: (code, reason) => ws.close(code, reason),
      // A wrong rejoin code counts like a wrong room code (the Room closes the socket after it).
      failedJoin: () => failedJoins.set(address, [...(failedJoins.get(address) ?? []).filter((t) => Date.now() - t < 60_000), Date.now()]),
    };
    const sendError = (reason: RejectionReason, message: string) => {
      count(reason);
      adapter.send(JSON.stringify({ type: 'error', reason, message } satisfies HostText));
    };
    const helloTimer = setTimeout(() => {
      if (!room) ws.close(4008, 'no hello');
    }, helloTimeoutMs);
    ws.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, 15_000);

    ws.on('message', (data, isBinary) => {
      const now = Date.now();
      const size = Buffer.isBuffer(data) ? data.length : Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
      // This connection's budget first (frames and bytes), then its address's (many sockets from one device share it).
      const over = !frames.take(1) || !bytes.take(size) ? 'connection' : !addressFrames.take(address) || !addressBytes.take(address, size) ? 'address' : null;
      if (over) {
        // Only a sustained flood is disconnected: a connection that kept within its budget for 10 s starts afresh
        // (an honest device sharing a busy address is slowed down, not cut off, by a burst now and then).
        if (now - lastStrike > 10_000) strikes = 0;
        lastStrike = now;
        strikes++;
        if (strikes > 50) {
          count('rate-limited');
          ws.close(1008, 'rate-limited');
          return;
        }
        if (strikes === 1 || strikes % 10 === 0) {
          sendError('rate-limited', over === 'connection' ? 'too many messages or too much data from this connection: slow down' : 'too many messages or too much data from this network address: slow down');
        }
        return;
      }
      if (room) {
        room.receive(adapter, isBinary ? toBytes(data) : data.toString());
        return;
      }
      // Before joining, only a hello is understood.
      if (isBinary) return sendError('not-joined', 'send hello first');
      const parsed = parseClientText(data.toString());
      if (!parsed.ok) return sendError(parsed.reason, parsed.message);
      if (parsed.value.type !== 'hello') return sendError('not-joined', 'send hello first');
      const recent = (failedJoins.get(address) ?? []).filter((t) => now - t < 60_000);
      if (recent.length >= maxFailed) {
        sendError('too-many-attempts', 'too many wrong room codes or links from this device: wait a minute and try again');
        ws.close(4029, 'too-many-attempts');
        return;
      }
      let target: Room | null;
      try {
        target = sessions.byCode(parsed.value.room);
      } catch (error) {
        // The session's files cannot be opened: say why (a StorageError says what to do), keep serving.
        if (error instanceof StorageError) return sendError('storage', error.message);
        process.stderr.write(`host: cannot open the session ${parsed.value.room}: ${(error as Error).stack ?? String(error)}\n`);
        return sendError('internal', 'the host could not open this session: the facilitator can see why on the host');
      }
      if (!target) {
        failedJoins.set(address, [...recent, now]);
        return sendError('unknown-room', `no session with room code ${parsed.value.room} on this host: check the code on the projector`);
      }
      if (parsed.value.secret !== undefined) {
        // The host key opens every session of this host, and it travels in clear (no TLS on a classroom LAN): it is
        // accepted only from this machine (loopback), where the facilitator's console runs. A key photographed off
        // the laptop's screen or sniffed on the Wi-Fi is of no use from another device.
        if (!isLoopback(address)) {
          failedJoins.set(address, [...recent, now]);
          sendError('bad-secret', 'the facilitator console opens on the host laptop only: open the facilitator link there');
          ws.close(4003, 'bad-secret');
          return;
        }
        if (parsed.value.secret !== sessions.hostKey) failedJoins.set(address, [...recent, now]);
      }
      if (parsed.value.secret === undefined && !isKnownLearner(target.meta, parsed.value)) {
        const refusal = sessions.disk.refusal();
        if (refusal) return sendError('storage', refusal);
        if (Object.keys(target.meta.learners).length >= budgets.maxLearners) {
          return sendError('room-full', `this session has ${budgets.maxLearners} participants, as many as it takes: ask the facilitator`);
        }
        if (!newLearners.take(address, now)) {
          return sendError('too-many-joins', 'many new participants joined from this network address in the last minute: wait a minute, then join again');
        }
      }
      room = target;
      room.attach(adapter);
      room.receive(adapter, data.toString());
    });

    ws.on('close', () => {
      clearTimeout(helloTimer);
      clearInterval(ping);
      perAddress.set(address, (perAddress.get(address) ?? 1) - 1);
      stats.connections--;
      room?.detach(adapter);
    });
    ws.on('error', () => {
      // 'close' follows; ws already answered protocol errors (e.g. 1009 for oversized frames).
    });
  }

  return {
    stats,
    close: () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
