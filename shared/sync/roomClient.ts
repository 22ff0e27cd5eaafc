/**
 * The room client: one WebSocket to the host carrying every document the client uses, with local persistence.
 *
 * Owns: the handshake and identity (token, rejoin code), per-document Yjs state loaded from local storage first
 * and then synced with the host, resending the outbox (outbox.ts: edits and commands kept until the host
 * acknowledges them) after every reconnect, awareness, connection state, and reconnecting with backoff.
 * Platform-free: the browser passes its WebSocket and a Dexie store, Node tests and benchmarks pass `ws` and the
 * in-memory store — so the code the tests exercise is the code learners run.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { DocFrameKind, PROTOCOL_VERSION, decodeDocFrame, encodeDocFrame, type Command, type HostText, type RejectionReason, type Welcome } from '../protocol/protocol';
import { SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE, readSyncMessage, syncStep1Message } from '../protocol/syncMessages';
import { Outbox } from './outbox';
import type { ClientStorage, Identity } from './storage';

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

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'ended' | 'refused';

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
}

export interface ClientError {
  reason: RejectionReason;
  message: string;
  doc?: string;
  /** The command this error answers. */
  id?: string;
}

type Listener<T> = (value: T) => void;
/** Timers exist in every runtime this runs in (browser, Node) but not in shared/'s type environment. */
const timers = globalThis as unknown as { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
const REMOTE = Symbol('remote');
const OPEN = 1;

export class RoomClient {
  status: ConnectionStatus = 'connecting';
  welcome: Welcome | null = null;
  lastError: ClientError | null = null;
  /** Rejections received, by reason (for tests and diagnostics). */
  readonly rejections: ClientError[] = [];
  private socket: ClientSocket | null = null;
  private readonly docs = new Map<string, Y.Doc>();
  private readonly loaded = new Map<string, Promise<void>>();
  private readonly synced = new Map<string, { promise: Promise<void>; resolve: () => void; done: boolean }>();
  private readonly awarenessByDoc = new Map<string, awarenessProtocol.Awareness>();
  private readonly outbox: Outbox;
  private attempts = 0;
  private closed = false;
  /** The device reports no network (the browser's offline event): stay offline until it returns. */
  private networkDown = false;
  private reconnectTimer: unknown = null;
  private readonly listeners = { status: new Set<Listener<ConnectionStatus>>(), error: new Set<Listener<ClientError>>(), pending: new Set<Listener<number>>() };
  private readonly ready: Promise<void>;

  constructor(private readonly options: RoomClientOptions) {
    this.outbox = new Outbox(options.storage, options.room, () => this.emitPending());
    this.ready = this.outbox.load();
    void this.ready.then(() => {
      if (!this.networkDown) this.connect();
    });
  }

  on(event: 'status', fn: Listener<ConnectionStatus>): () => void;
  on(event: 'error', fn: Listener<ClientError>): () => void;
  on(event: 'pending', fn: Listener<number>): () => void;
  on(event: keyof RoomClient['listeners'], fn: Listener<never>): () => void {
    const set = this.listeners[event] as Set<Listener<never>>;
    set.add(fn);
    return () => set.delete(fn);
  }

  /** Why the client is offline: this device has no network, or the host does not answer. */
  get offlineReason(): 'network' | 'host' {
    return this.networkDown ? 'network' : 'host';
  }

  /** The room code this client joins. */
  get room(): string {
    return this.options.room;
  }

  /** Local edits not yet acknowledged by the host (saved on this device, not yet in the room). */
  get pendingCount(): number {
    return this.outbox.size;
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const fn of this.listeners.status) fn(status);
  }

  private emitPending(): void {
    for (const fn of this.listeners.pending) fn(this.pendingCount);
  }

  private connect(): void {
    if (this.closed) return;
    const socket = this.options.createSocket(this.options.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onopen = () => {
      void this.hello();
    };
    socket.onmessage = (ev) => this.onMessage(ev.data);
    socket.onclose = (ev) => this.onClose(ev.code);
    socket.onerror = () => undefined;
  }

  private async hello(): Promise<void> {
    const identity = this.options.secret ? null : await this.options.storage.loadIdentity(this.options.room);
    this.send(
      JSON.stringify({
        type: 'hello',
        v: PROTOCOL_VERSION,
        room: this.options.room,
        ...(this.options.secret ? { secret: this.options.secret } : {}),
        ...(identity?.token ? { token: identity.token } : {}),
        ...(!identity && this.options.rejoinCode ? { rejoinCode: this.options.rejoinCode } : {}),
        ...(this.options.name ? { name: this.options.name } : {}),
        ...(this.options.profile ? { profile: this.options.profile } : {}),
      }),
    );
  }

  private send(data: string | Uint8Array): boolean {
    if (!this.socket || this.socket.readyState !== OPEN) return false;
    this.socket.send(data);
    return true;
  }

  private onClose(code: number): void {
    this.socket = null;
    for (const entry of this.synced.values()) if (entry.done) this.resetSynced(entry);
    if (this.closed || this.status === 'ended' || this.status === 'refused') return;
    if (this.networkDown) {
      this.setStatus('offline');
      return;
    }
    if (code === 4003) {
      this.setStatus('refused');
      return;
    }
    this.attempts++;
    this.setStatus(this.attempts > 3 ? 'offline' : 'reconnecting');
    const base = this.options.backoffMs ?? 250;
    const delay = Math.min(5000, base * 2 ** Math.min(this.attempts - 1, 5)) * (0.75 + Math.random() * 0.5);
    this.reconnectTimer = timers.setTimeout(() => this.connect(), delay);
  }

  private resetSynced(entry: { promise: Promise<void>; resolve: () => void; done: boolean }): void {
    entry.done = false;
    entry.promise = new Promise((resolve) => (entry.resolve = resolve));
  }

  private onMessage(data: unknown): void {
    if (typeof data === 'string') {
      let message: HostText;
      try {
        message = JSON.parse(data) as HostText;
      } catch {
        return;
      }
      this.onText(message);
      return;
    }
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : data instanceof Uint8Array ? data : null;
    if (!bytes) return;
    const frame = decodeDocFrame(bytes);
    if (!frame.ok) return;
    const { kind, doc: name, payload } = frame.value;
    const doc = this.docs.get(name);
    if (!doc) return;
    if (kind === DocFrameKind.SYNC) {
      const { type, bytes: body } = readSyncMessage(payload);
      if (type === SYNC_STEP2 || type === SYNC_UPDATE) {
        Y.applyUpdate(doc, body, REMOTE);
        void this.options.storage.storeUpdate(this.options.room, name, body);
        if (type === SYNC_STEP2) this.markSynced(name);
      } else if (type === SYNC_STEP1) {
        // The host's state vector: it lacks nothing we have not queued in the outbox, which is resent on join.
      }
    } else if (kind === DocFrameKind.AWARENESS) {
      // Keep others' presence even before this client shows its own (the host sends everyone's on subscribe).
      awarenessProtocol.applyAwarenessUpdate(this.awareness(name), payload, REMOTE);
    }
  }

  private markSynced(name: string): void {
    const entry = this.synced.get(name);
    if (entry && !entry.done) {
      entry.done = true;
      entry.resolve();
    }
  }

  private onText(message: HostText): void {
    switch (message.type) {
      case 'welcome':
        this.welcome = message;
        this.attempts = 0;
        if (message.token) {
          void this.options.storage.saveIdentity(this.options.room, {
            token: message.token,
            learnerId: message.learnerId,
            rejoinCode: message.rejoinCode ?? '',
            name: this.options.name ?? '',
            profile: this.options.profile ?? '',
          });
        }
        this.setStatus(message.session.ended ? 'ended' : 'online');
        for (const name of this.docs.keys()) this.subscribe(name);
        for (const item of this.outbox.pendingEdits()) this.send(encodeDocFrame(DocFrameKind.UPDATE, item.doc, item.update, item.seq));
        for (const [id, command] of this.outbox.pendingCommands()) this.send(JSON.stringify({ type: 'command', id, command }));
        for (const [name, awareness] of this.awarenessByDoc) {
          if (awareness.getLocalState() !== null) this.send(encodeDocFrame(DocFrameKind.AWARENESS, name, awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID])));
        }
        return;
      case 'command-ack':
        this.outbox.removeCommand(message.id);
        return;
      case 'ack':
        this.outbox.removeEdit(message.doc, message.seq);
        return;
      case 'error': {
        const error: ClientError = { reason: message.reason, message: message.message, ...(message.doc ? { doc: message.doc } : {}), ...(message.id ? { id: message.id } : {}) };
        if (message.id) this.outbox.removeCommand(message.id);
        this.lastError = error;
        this.rejections.push(error);
        for (const fn of this.listeners.error) fn(error);
        // A refused edit will never be accepted: drop it from the outbox so it is not resent forever.
        if (message.seq !== undefined && message.doc && (message.reason === 'forbidden' || message.reason === 'session-ended' || message.reason === 'malformed')) {
          this.outbox.removeEdit(message.doc, message.seq);
        }
        if (!this.welcome && message.reason === 'session-ended') {
          this.setStatus('ended');
          this.socket?.close();
        } else if (['unknown-room', 'bad-secret', 'too-many-attempts', 'version-mismatch', 'bad-token'].includes(message.reason) && !this.welcome) {
          this.setStatus('refused');
          this.socket?.close();
        }
        return;
      }
      case 'session-ended':
        if (this.welcome) this.welcome = { ...this.welcome, session: { ...this.welcome.session, ended: true } };
        this.setStatus('ended');
        return;
      case 'subscribed':
      case 'pong':
        return;
    }
  }

  private subscribe(name: string): void {
    const doc = this.docs.get(name);
    if (!doc || !this.welcome) return;
    this.send(JSON.stringify({ type: 'subscribe', doc: name }));
    this.send(encodeDocFrame(DocFrameKind.SYNC, name, syncStep1Message(doc)));
  }

  /** The document, loaded from local storage, then kept in sync with the room. */
  doc(name: string): Y.Doc {
    let doc = this.docs.get(name);
    if (doc) return doc;
    const created = new Y.Doc();
    doc = created;
    this.docs.set(name, created);
    const entry = { promise: Promise.resolve(), resolve: () => undefined, done: false };
    this.resetSynced(entry);
    this.synced.set(name, entry);
    // Listen before loading: an edit made while the device copy is still loading is an edit like any other.
    created.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.localUpdate(name, update);
    });
    this.loaded.set(
      name,
      this.options.storage.loadDoc(this.options.room, name).then((updates) => {
        created.transact(() => {
          for (const update of updates) Y.applyUpdate(created, update, REMOTE);
        }, REMOTE);
        this.subscribe(name);
      }),
    );
    return created;
  }

  /** Resolves when the document has been loaded from this device. */
  loadedLocally(name: string): Promise<void> {
    this.doc(name);
    return this.loaded.get(name)!;
  }

  /** Resolves when the document has received the room's state (after each (re)connect). */
  whenSynced(name: string): Promise<void> {
    this.doc(name);
    return this.synced.get(name)!.promise;
  }

  private localUpdate(name: string, update: Uint8Array): void {
    void this.options.storage.storeUpdate(this.options.room, name, update);
    const item = this.outbox.addEdit(name, update);
    this.send(encodeDocFrame(DocFrameKind.UPDATE, name, update, item.seq));
  }

  /** Presence on a document (cursors, pointers): set `awareness(doc).setLocalStateField(...)`. */
  awareness(name: string): awarenessProtocol.Awareness {
    let awareness = this.awarenessByDoc.get(name);
    if (awareness) return awareness;
    awareness = new awarenessProtocol.Awareness(this.doc(name));
    const created = awareness;
    this.awarenessByDoc.set(name, created);
    created.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === REMOTE) return;
      const changed = [...added, ...updated, ...removed];
      this.send(encodeDocFrame(DocFrameKind.AWARENESS, name, awarenessProtocol.encodeAwarenessUpdate(created, changed)));
    });
    return created;
  }

  /** Sends a command now, or as soon as the room is reachable again; resent until the host acknowledges it. */
  command(id: string, command: Command): void {
    this.outbox.addCommand(id, command);
    if (this.welcome) this.send(JSON.stringify({ type: 'command', id, command }));
  }

  /**
   * The device's network went away or came back (browser online/offline events): go offline at once instead of
   * waiting for a timeout, and reconnect immediately when it returns.
   */
  setNetworkAvailable(available: boolean): void {
    if (this.closed) return;
    if (!available) {
      this.networkDown = true;
      if (this.reconnectTimer) timers.clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
      if (this.socket) this.socket.close();
      else if (this.status !== 'ended' && this.status !== 'refused') this.setStatus('offline');
      return;
    }
    if (!this.networkDown) return;
    this.networkDown = false;
    this.attempts = 0;
    if (!this.socket && this.status !== 'ended' && this.status !== 'refused') {
      this.setStatus('reconnecting');
      this.connect();
    }
  }

  /** Drop the connection now (as a lost Wi-Fi would); it reconnects with backoff unless closed. */
  dropConnection(): void {
    this.socket?.close();
  }

  close(): void {
    this.closed = true;
    if (this.reconnectTimer) timers.clearTimeout(this.reconnectTimer);
    for (const awareness of this.awarenessByDoc.values()) awareness.destroy();
    this.socket?.close(1000, 'bye');
    this.setStatus('offline');
  }
}

export type { Identity };
