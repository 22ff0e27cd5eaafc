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
import { DocFrameKind, MAX_EDIT_BYTES, MAX_SYNC_BYTES, PROTOCOL_VERSION, encodeDocFrame, type Command, type DocFrame, type HostText, type RejectionReason, type Welcome } from '../protocol/protocol';
import { SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE, readSyncMessage, syncStep1Message } from '../protocol/syncMessages';
import { FrameIntake, framesFor } from '../protocol/chunks';
import { Outbox } from './outbox';
import type { Identity } from './storage';
import type { ClientError, ClientSocket, ConnectionStatus, RoomClientOptions } from './clientTypes';
import { Refusals } from './refusals';
import { SyncSignals } from './syncSignals';
import { HostClock } from './clockOffset';

export type { ClientError, ClientSocket, ConnectionStatus, RoomClientOptions } from './clientTypes';

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
  private readonly synced = new SyncSignals();
  private readonly awarenessByDoc = new Map<string, awarenessProtocol.Awareness>();
  private readonly outbox: Outbox;
  private attempts = 0;
  private closed = false;
  /** The device reports no network (the browser's offline event): stay offline until it returns. */
  private networkDown = false;
  private reconnectTimer: unknown = null;
  private readonly listeners = {
    status: new Set<Listener<ConnectionStatus>>(),
    error: new Set<Listener<ClientError>>(),
    pending: new Set<Listener<number>>(),
    'move-request': new Set<Listener<string>>(),
    access: new Set<Listener<string>>(),
  };
  /**
   * Documents this device may not read live now (refused at subscribe, or access lost: moved to another team, a team
   * un-shared, results hidden again). Not asked for again on a timer: the host follows them again for this device
   * when access comes back, and a reconnect asks once more.
   */
  private readonly noAccess = new Set<string>();
  private readonly ready: Promise<void>;
  /** A large frame from the host arriving in chunks. */
  private readonly intake = new FrameIntake(MAX_SYNC_BYTES);
  private transfers = 0;
  private readonly refusals = new Refusals((doc) => this.subscribe(doc));
  /**
   * This connection has been welcomed. Nothing is sent before: an edit sent between the socket opening and the
   * welcome would overtake the older waiting edits that the welcome resends, and build on what the host lacks.
   */
  private joined = false;
  /** The host's clock (ping/pong round trips): countdowns read `hostNow()`, not this device's clock. */
  readonly hostClock: HostClock;

  constructor(private readonly options: RoomClientOptions) {
    this.hostClock = new HostClock(options.now);
    this.outbox = new Outbox(
      options.storage,
      options.room,
      () => this.emitPending(),
      (error) => this.report({ reason: 'storage', message: `this device could not save your work (${error.message}): free some space on it, then keep the page open` }),
    );
    this.ready = this.outbox.load();
    // The socket opens while the outbox loads from the device (a join does not wait for one before the other); the
    // hello waits for the outbox, so the welcome's resend finds everything an earlier page left unacknowledged.
    this.connect();
  }

  on(event: 'status', fn: Listener<ConnectionStatus>): () => void;
  on(event: 'error', fn: Listener<ClientError>): () => void;
  on(event: 'pending', fn: Listener<number>): () => void;
  /** Someone uses this learner's rejoin code on another device: answer with `answerMoveRequest`. */
  on(event: 'move-request', fn: Listener<string>): () => void;
  /** Read access to a document was lost or came back (see `canRead`). */
  on(event: 'access', fn: Listener<string>): () => void;
  on(event: keyof RoomClient['listeners'], fn: Listener<never>): () => void {
    const set = this.listeners[event] as Set<Listener<never>>;
    set.add(fn);
    return () => set.delete(fn);
  }

  /** Why the client is offline: this device has no network, or the host does not answer. */
  get offlineReason(): 'network' | 'host' {
    return this.networkDown ? 'network' : 'host';
  }

  /** Whether the host lets this device follow the document live (false once refused, until it is followed again). */
  canRead(doc: string): boolean {
    return !this.noAccess.has(doc);
  }

  /** Answers the host's question whether this identity may move to the device using the rejoin code. */
  answerMoveRequest(requestId: string, allow: boolean): void {
    if (this.joined) this.send(JSON.stringify({ type: 'command', id: `move-${requestId}`, command: { cmd: 'confirm-move', requestId, allow } }));
  }

  private setAccess(doc: string, readable: boolean): void {
    if (readable === !this.noAccess.has(doc)) return;
    if (readable) this.noAccess.delete(doc);
    else this.noAccess.add(doc);
    for (const fn of this.listeners.access) fn(doc);
  }

  /** The room code this client joins. */
  get room(): string {
    return this.options.room;
  }

  /** Local edits not yet acknowledged by the host (saved on this device, not yet in the room). */
  get pendingCount(): number {
    return this.outbox.size;
  }

  /** The session ended, or this learner moved to another device: nothing more is sent from here. */
  get readOnly(): boolean {
    return this.sessionEnded || this.status === 'moved';
  }

  /**
   * The host said the session has ended (in the welcome, or since): read-only for everyone but the facilitator's
   * reflection (electron/host/room/endedSession.ts). Stays true while reconnecting to an ended session.
   */
  get sessionEnded(): boolean {
    return this.status === 'ended' || this.welcome?.session.ended === true;
  }

  /** Local edits whose write to this device's storage has not committed yet. */
  get savingLocally(): number {
    return this.outbox.saving;
  }

  /** What this device has not got into the room (for export when the identity moved elsewhere). */
  unsent(): { edits: { doc: string; seq: number; update: Uint8Array }[]; commands: { id: string; command: Command }[] } {
    return { edits: this.outbox.pendingEdits(), commands: [...this.outbox.pendingCommands()].map(([id, command]) => ({ id, command })) };
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
      void this.hello(socket);
    };
    socket.onmessage = (ev) => this.onMessage(ev.data);
    socket.onclose = (ev) => this.onClose(ev.code);
    socket.onerror = () => undefined;
  }

  private async hello(socket: ClientSocket): Promise<void> {
    const [identity] = await Promise.all([this.options.secret ? null : this.options.storage.loadIdentity(this.options.room), this.ready]);
    if (this.socket !== socket) return; // closed (and perhaps reopened) meanwhile: that socket says its own hello
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

  /** Sends a document frame, in chunks when it is large. */
  private sendFrame(doc: string, frame: Uint8Array): void {
    for (const part of framesFor(frame, doc, ++this.transfers)) if (!this.send(part)) return;
  }

  private sendEdit(item: { doc: string; seq: number; update: Uint8Array }): void {
    if (!this.joined) return;
    this.sendFrame(item.doc, encodeDocFrame(DocFrameKind.UPDATE, item.doc, item.update, item.seq));
  }

  private report(error: ClientError): void {
    this.lastError = error;
    this.rejections.push(error);
    for (const fn of this.listeners.error) fn(error);
  }

  private onClose(code: number): void {
    this.socket = null;
    this.joined = false;
    this.hostClock.disconnected();
    this.synced.resetAll();
    // Refused at the door because the session has ended: nothing to come back to. Welcomed into an ended session
    // (a reader, the facilitator writing their reflection): reconnect like in any session, to keep reading.
    if (this.closed || (this.status === 'ended' && !this.welcome) || this.status === 'refused' || this.status === 'moved') return;
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
    // A frame from the host, or one put back together from its chunks. Nothing is dropped silently.
    const taken = this.intake.take(bytes);
    if ('error' in taken) {
      this.report({ reason: taken.error, message: `this device could not take a message from the host (${taken.message}): reload the page`, ...(taken.doc ? { doc: taken.doc } : {}) });
      return;
    }
    if (!('frame' in taken)) return;
    try {
      this.onDocFrame(taken.frame);
    } catch (error) {
      this.report({ reason: 'malformed', message: `a message from the host could not be applied (${(error as Error).message}): reload the page`, doc: taken.frame.doc });
    }
  }

  private onDocFrame({ kind, doc: name, payload }: DocFrame): void {
    const doc = this.docs.get(name);
    if (!doc) return;
    if (kind === DocFrameKind.SYNC) {
      const { type, bytes: body } = readSyncMessage(payload);
      if (type === SYNC_STEP2 || type === SYNC_UPDATE) {
        Y.applyUpdate(doc, body, REMOTE);
        void this.options.storage.storeUpdate(this.options.room, name, body);
        if (type === SYNC_STEP2) {
          this.attempts = 0;
          this.synced.mark(name);
        }
      } else if (type === SYNC_STEP1) {
        this.repair(name, doc, body);
      }
    } else if (kind === DocFrameKind.AWARENESS) {
      // Keep others' presence even before this client shows its own (the host sends everyone's on subscribe).
      awarenessProtocol.applyAwarenessUpdate(this.awareness(name), payload, REMOTE);
    }
  }

  /**
   * The host's state vector for a document this device may write: answer with everything the host lacks — this
   * device's unsent edits, and anything the host lost that this device saw (a crash between relay and disk) — as one
   * edit the host acknowledges once it is on disk. Sent even when empty: its acknowledgement then confirms that the
   * host has every earlier edit of this document on disk.
   */
  private repair(name: string, doc: Y.Doc, hostStateVector: Uint8Array): void {
    const missing = Y.encodeStateAsUpdate(doc, hostStateVector);
    if (missing.length > MAX_EDIT_BYTES) {
      this.report({ reason: 'too-big', doc: name, message: `what this device has of ${name} and the host lacks is over ${MAX_EDIT_BYTES / 1048576} MB: it cannot be sent` });
      return;
    }
    this.sendEdit(this.outbox.addEdit(name, missing, true));
  }

  private onText(message: HostText): void {
    switch (message.type) {
      case 'welcome':
        // The backoff is reset only once the connection proves itself (a sync or an acknowledgement): a host that
        // closes the socket on the first frame after welcome must not make this device reconnect in a tight loop.
        this.welcome = message;
        this.joined = true;
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
        this.hostClock.connected((t) => this.send(JSON.stringify({ type: 'ping', t })));
        for (const name of this.docs.keys()) this.subscribe(name);
        for (const item of this.outbox.pendingEdits()) this.sendEdit(item);
        for (const [id, command] of this.outbox.pendingCommands()) this.send(JSON.stringify({ type: 'command', id, command }));
        for (const [name, awareness] of this.awarenessByDoc) {
          if (awareness.getLocalState() !== null) this.send(encodeDocFrame(DocFrameKind.AWARENESS, name, awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID])));
        }
        return;
      case 'command-ack':
        this.attempts = 0;
        this.outbox.removeCommand(message.id);
        return;
      case 'ack':
        this.attempts = 0;
        this.refusals.acknowledged(message.doc, message.seq);
        this.outbox.removeEdit(message.doc, message.seq);
        return;
      case 'error': {
        const error: ClientError = { reason: message.reason, message: message.message, ...(message.doc ? { doc: message.doc } : {}), ...(message.id ? { id: message.id } : {}) };
        // A command the host refused for a passing reason (its disk, its rate limit) is kept and sent again.
        if (message.id && (message.reason === 'storage' || message.reason === 'rate-limited' || message.reason === 'internal')) this.resendCommandsSoon();
        else if (message.id) this.outbox.removeCommand(message.id);
        this.report(error);
        if (message.seq !== undefined && message.doc) this.refused(message.doc, message.seq, message.reason);
        // Frames dropped by the host's rate limit (it does not say which): sync again what may have been among them.
        else if (message.reason === 'rate-limited' && !message.doc && !message.id) this.refusals.framesDropped(this.docs.keys(), (doc) => this.joined && this.canRead(doc) && (this.outbox.pendingEdits().some((e) => e.doc === doc) || !this.synced.isSynced(doc)));
        // A subscription refused or dropped (not an edit, not a command): stop treating the document as live.
        else if (message.doc && !message.id && message.reason === 'forbidden') this.setAccess(message.doc, false);
        if (message.reason === 'identity-moved') {
          this.setStatus('moved');
          this.socket?.close();
          return;
        }
        if (!this.welcome && message.reason === 'session-ended') {
          this.setStatus('ended');
          this.socket?.close();
        } else if (['unknown-room', 'bad-secret', 'too-many-attempts', 'too-many-joins', 'room-full', 'version-mismatch', 'bad-token', 'move-declined'].includes(message.reason) && !this.welcome) {
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
        this.setAccess(message.doc, true);
        return;
      case 'move-request':
        for (const fn of this.listeners['move-request']) fn(message.requestId);
        return;
      case 'pong':
        this.hostClock.pong(message);
        return;
    }
  }

  private commandRetry: unknown = null;

  /** Commands refused for a passing reason are sent again a little later (and after any reconnect). */
  private resendCommandsSoon(): void {
    if (this.commandRetry || this.closed) return;
    this.commandRetry = timers.setTimeout(() => {
      this.commandRetry = null;
      if (this.joined) for (const [id, command] of this.outbox.pendingCommands()) this.send(JSON.stringify({ type: 'command', id, command }));
    }, 2000);
  }

  /** An edit the host refused: kept to be sent again, or dropped (see refusals.ts). */
  private refused(doc: string, seq: number, reason: RejectionReason): void {
    if (!this.outbox.edit(doc, seq)) return;
    const verdict = this.refusals.refused(doc, seq, reason);
    if (verdict === 'keep') return;
    this.outbox.removeEdit(doc, seq);
    if (verdict === 'give-up') this.report({ reason, doc, message: `an edit of ${doc} was refused again and again (${reason}) and is no longer sent; it stays on this device` });
  }

  private subscribe(name: string): void {
    const doc = this.docs.get(name);
    if (!doc || !this.joined) return;
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
    return this.synced.whenSynced(name);
  }

  private localUpdate(name: string, update: Uint8Array): void {
    if (this.status === 'moved') {
      void this.options.storage.storeUpdate(this.options.room, name, update);
      return;
    }
    if (update.length > MAX_EDIT_BYTES) {
      void this.options.storage.storeUpdate(this.options.room, name, update);
      this.report({ reason: 'too-big', doc: name, message: `this change is ${(update.length / 1048576).toFixed(1)} MB, over the room's limit of ${MAX_EDIT_BYTES / 1048576} MB: it stays on this device only — undo it, or split it into smaller pieces` });
      return;
    }
    this.sendEdit(this.outbox.addEdit(name, update));
  }

  /** Presence on a document (cursors, pointers): set `awareness(doc).setLocalStateField(...)`. */
  awareness(name: string): awarenessProtocol.Awareness {
    let awareness = this.awarenessByDoc.get(name);
    if (awareness) return awareness;
    awareness = new awarenessProtocol.Awareness(this.doc(name));
    const created = awareness;
    this.awarenessByDoc.set(name, created);
    created.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === REMOTE || !this.joined) return; // sent in full on welcome
      const changed = [...added, ...updated, ...removed];
      this.send(encodeDocFrame(DocFrameKind.AWARENESS, name, awarenessProtocol.encodeAwarenessUpdate(created, changed)));
    });
    return created;
  }

  /** Sends a command now, or as soon as the room is reachable again; resent until the host acknowledges it. */
  command(id: string, command: Command): void {
    if (this.status === 'moved') return;
    this.outbox.addCommand(id, command);
    if (this.joined) this.send(JSON.stringify({ type: 'command', id, command }));
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

  /** The host's time now, as well as this device can tell (for every countdown and time-left display). */
  hostNow(): number {
    return this.hostClock.hostNow();
  }

  close(): void {
    this.closed = true;
    this.hostClock.disconnected();
    this.refusals.close();
    if (this.commandRetry) timers.clearTimeout(this.commandRetry);
    if (this.reconnectTimer) timers.clearTimeout(this.reconnectTimer);
    for (const awareness of this.awarenessByDoc.values()) awareness.destroy();
    this.socket?.close(1000, 'bye');
    this.setStatus('offline');
  }
}

export type { Identity };
