/**
 * The room client's public shapes: the socket it needs, its options, its connection states and the errors it
 * reports. Kept apart from roomClient.ts so the UI and tests can name them without the client's machinery.
 */
import type { RejectionReason } from '../protocol/protocol';
import type { ClientStorage } from './storage';

/** The subset of the WebSocket interface the client needs (browser WebSocket and `ws` both have it). */
export interface ClientSocket {
  binaryType: string;
  readonly readyState: number;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

/** `moved`: this learner continues on another device (rejoin code); this one keeps what it has, read-only. */
export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'ended' | 'refused' | 'moved';

export interface RoomClientOptions {
  /** ws://host:port/ws */
  url: string;
  room: string;
  createSocket: (url: string) => ClientSocket;
  storage: ClientStorage;
  /** Facilitator capability (the host key from the facilitator link). */
  secret?: string;
  name?: string;
  profile?: string;
  rejoinCode?: string;
  /** Milliseconds before the first reconnect attempt; doubles up to 5 s. */
  backoffMs?: number;
  /** This device's clock (tests pass a skewed one); the client estimates the host's from it (clockOffset.ts). */
  now?: () => number;
}

export interface ClientError {
  reason: RejectionReason;
  message: string;
  doc?: string;
  /** The command this error answers. */
  id?: string;
}

