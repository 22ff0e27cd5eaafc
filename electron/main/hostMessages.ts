/**
 * The messages between the desktop app's main process and its host process (hostProcess.ts, an Electron utility
 * process): main asks, the host answers each request by id. Pure types and one parser, so both sides agree and main
 * checks what comes back (the host is ours, but a faulty one must not make main throw).
 */
import type { HostedSession, NearbySession } from '../../shared/ipc/contract';

export interface HostInit {
  rendererDir: string;
  contentDir: string;
  /** Where sessions are stored (the app's user-data folder). */
  dataDir: string;
  /** Multicast DNS-SD allowed (false with --no-discovery). */
  discovery: boolean;
  /** The loopback port the window's origin uses (0 picks one; a restarted host asks for its predecessor's). */
  localPort: number;
}

export interface HostRequests {
  'host:start': { request: { title: string }; response: HostedSession };
  'discovery:browse': { request: null; response: NearbySession[] };
  /** Ends the hosted session (the End button's `sessions.end`) and stops advertising it; `ended` false if it already was. */
  'host:end': { request: { code: string }; response: { ended: boolean } };
}
export type HostRequestKind = keyof HostRequests;

/** main → host */
export type ToHost =
  | { type: 'init'; init: HostInit }
  | { [K in HostRequestKind]: { type: 'request'; id: number; kind: K; request: HostRequests[K]['request'] } }[HostRequestKind]
  | { type: 'stop' };

/** host → main. `listening` first (main then sends `init`: nothing main sends can arrive before the host listens). */
export type FromHost =
  | { type: 'listening' }
  | { type: 'ready'; url: string; pid: number }
  | { type: 'failed'; message: string }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; message: string }
  | { type: 'stopped' };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A message from the host process, or null when it is none of ours. */
export function parseFromHost(data: unknown): FromHost | null {
  if (!isRecord(data)) return null;
  switch (data.type) {
    case 'listening':
      return { type: 'listening' };
    case 'ready':
      return typeof data.url === 'string' && typeof data.pid === 'number' ? { type: 'ready', url: data.url, pid: data.pid } : null;
    case 'failed':
      return { type: 'failed', message: String(data.message) };
    case 'reply':
      if (typeof data.id !== 'number') return null;
      return data.ok === true
        ? { type: 'reply', id: data.id, ok: true, value: data.value }
        : { type: 'reply', id: data.id, ok: false, message: String(data.message) };
    case 'stopped':
      return { type: 'stopped' };
    default:
      return null;
  }
}
