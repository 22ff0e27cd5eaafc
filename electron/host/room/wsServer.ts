/**
 * The room's WebSocket endpoint (`/ws` on the host's HTTP port).
 *
 * Owns: the edge of the network — Origin check (a page may only connect to the host it came from), frame size
 * limit (ws closes oversized frames with 1009), per-connection rate limiting (then disconnect), per-address
 * connection caps, throttling of failed joins (room-code guessing), the hello timeout, keep-alive pings, refusing
 * NEW learners while the host's disk is almost full (diskSpace.ts) — and routing each socket to its Room after its hello. Everything else is the Room's.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { MAX_FRAME_BYTES, parseClientText, type HostText, type RejectionReason } from '../../../shared/protocol/protocol';
import type { Room, RoomSocket } from './room';
import type { SessionManager } from './sessions';
import { isKnownLearner } from './identity';
import { StorageError } from './storageError';

export interface WsOptions {
  /** Frames per second a connection may send on average, and the burst it may use. */
  ratePerSecond?: number;
  burst?: number;
  maxConnectionsPerAddress?: number;
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
  const ratePerSecond = options.ratePerSecond ?? 200;
  const burst = options.burst ?? 400;
  const maxPerAddress = options.maxConnectionsPerAddress ?? 120;
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
    if ((perAddress.get(address) ?? 0) >= maxPerAddress) return refuseUpgrade(socket, 429, 'Too Many Requests', 'too-many-connections');
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, address));
  });

  function onConnection(ws: WebSocket, address: string): void {
    perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
    stats.connections++;
    let room: Room | null = null;
    let tokens = burst;
    let lastRefill = Date.now();
    let strikes = 0;
    let alive = true;
    const adapter: RoomSocket = {
      send: (data) => {
        if (ws.readyState === ws.OPEN) ws.send(data);
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
      tokens = Math.min(burst, tokens + ((now - lastRefill) / 1000) * ratePerSecond);
      lastRefill = now;
      if (tokens < 1) {
        strikes++;
        if (strikes > 50) {
          count('rate-limited');
          ws.close(1008, 'rate-limited');
          return;
        }
        if (strikes === 1 || strikes % 10 === 0) sendError('rate-limited', 'too many messages: slow down');
        return;
      }
      tokens -= 1;
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
      if (parsed.value.secret !== undefined && parsed.value.secret !== sessions.hostKey) failedJoins.set(address, [...recent, now]);
      if (parsed.value.secret === undefined && !isKnownLearner(target.meta, parsed.value)) {
        const refusal = sessions.disk.refusal();
        if (refusal) return sendError('storage', refusal);
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
