/**
 * One live session: its documents in memory, its connections, and every rule applied to what they send.
 *
 * Owns: the handshake (facilitator capability, learner token, rejoin code), subscriptions, the sync and
 * awareness protocols per document, authorisation of every read and write (shared/room/documents.ts),
 * acknowledging writes once the documents (roomDocs.ts) have them on disk, the host-owned roster (presence),
 * commands, and counting rejections.
 * It talks to sockets through `RoomSocket` and to disk through `SessionFiles`, so it is testable without either.
 * Nothing throws out of `receive`: a bad frame gets an error with a reason and the room keeps serving.
 */
import * as Y from 'yjs';
import {
  DocFrameKind,
  MAX_EDIT_BYTES,
  PROTOCOL_VERSION,
  assertNever,
  encodeDocFrame,
  parseClientText,
  type ClientText,
  type Hello,
  type HostText,
  type RejectionReason,
} from '../../../shared/protocol/protocol';
import { authorize, type Actor, type Access, type DocContext } from '../../../shared/room/documents';
import { SessionAuthority } from './authority';
import { SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE, readSyncMessage, syncStep1Message, syncStep2Message, syncUpdateMessage } from '../../../shared/protocol/syncMessages';
import type { DocLog } from './docLog';
import { RoomDocs } from './roomDocs';
import { moveIdentity, resolveLearner, secretMatches, type LearnerIdentity, type SessionMeta } from './identity';
import { CommandDesk } from './roomCommands';
import { recheck } from './subscriptionCheck';
import { RejoinMoves } from './rejoinMoves';
import { migrateGroups } from './groupCommands';
import { migrateQa } from './liveCommands';
import { DocFollowers } from './followers';
import { FrameIntake, framesFor } from '../../../shared/protocol/chunks';
import { RoomWrites } from './roomWrites';
import { writableAfterEnd } from './endedSession';
import { UpdateTrials, type TrialOptions } from './updateTrials';
import { PhaseTimer } from './phaseTimer';
import { markEveryoneOffline, setFacilitatorOnline, setParticipant, type RosterFields } from './roster';
import { CommandBudget, DEFAULT_BUDGETS, DocBudget, type BudgetDecision, type Budgets } from './budgets';

export type { LearnerRecord, SessionMeta } from './identity';

export interface RoomSocket {
  send(data: string | Uint8Array): void;
  close(code: number, reason: string): void;
  /** Counts a failed join (a wrong rejoin code) against the socket's address, as a wrong room code is (wsServer.ts). */
  failedJoin?(): void;
}

export interface SessionFiles {
  log: DocLog;
  saveMeta(meta: SessionMeta): void;
}

interface Connection {
  socket: RoomSocket;
  actor: Actor | null;
  subscriptions: Set<string>;
  /** Documents followed until read access was lost (followed again when it comes back: subscriptionCheck.ts). */
  revoked: Set<string>;
  /** Awareness client ids this connection announced, per document, removed when it leaves. */
  awarenessIds: Map<string, Set<number>>;
  /** This client's frames, large ones arriving in chunks. */
  intake: FrameIntake;
}

const HOST_ORIGIN = Symbol('host');

export class Room {
  private readonly store: RoomDocs;
  private readonly connections = new Set<Connection>();
  private readonly bySocket = new Map<RoomSocket, Connection>();
  /** Per document, the connections that follow it (a change goes to them only) and their presence. */
  private readonly followers: DocFollowers<Connection>;
  private readonly authority = new SessionAuthority(
    () => this.doc('session'),
    () => this.doc('groups'),
    () => this.doc('evaluate'),
  );
  /** Makes an announced phase change final when its grace period ends, console open or not. */
  private readonly phaseTimer = new PhaseTimer({ session: () => this.doc('session'), origin: HOST_ORIGIN, writable: () => !this.ended });
  private readonly commands: CommandDesk;
  private readonly moves = new RejoinMoves<Connection>({
    devicesOf: (learnerId, except) => [...this.connections].filter((c) => c !== except && c.actor?.learnerId === learnerId),
    ask: (device, requestId) => this.sendText(device, { type: 'move-request', requestId }),
    complete: (conn, learnerId) => this.bySocket.has(conn.socket) && this.joinLearner(conn, moveIdentity(this.meta, learnerId)),
    decline: (conn, unanswered) => {
      conn.socket.failedJoin?.();
      const why = unanswered ? 'did not confirm the move in time: answer on it, then try again' : 'refused the move: ask the facilitator, or join as a new participant';
      this.reject(conn, 'move-declined', `the device this learner uses now ${why}`);
      conn.socket.close(4003, 'move-declined');
    },
  });
  /** Numbers the chunked transfers this host sends (a receiver holds one at a time per socket). */
  private transfers = 0;
  /** Rejections by reason, for the host's report and for tests. */
  readonly rejections = new Map<RejectionReason, number>();
  /** Where learner updates are tried before they are applied (null: applied directly, as in-process tests do). */
  private readonly trials: UpdateTrials | null;
  /** Documents per learner, bytes per document, commands per learner (budgets.ts). */
  private readonly docBudget: DocBudget;
  private readonly commandBudget: CommandBudget;
  /** Every change sent to a document: checked, tried, applied, acknowledged once on disk (roomWrites.ts). */
  private readonly writes: RoomWrites<Connection>;
  private context: { from: DocContext; with: DocContext } | null = null;

  constructor(
    public meta: SessionMeta,
    private readonly files: SessionFiles,
    private readonly facilitatorSecret: string,
    private readonly options: { budgets?: Budgets; extraDocs?: (name: string) => boolean; trials?: TrialOptions; idleUnloadMs?: number } = {},
  ) {
    this.docBudget = new DocBudget(options.budgets ?? DEFAULT_BUDGETS);
    this.commandBudget = new CommandBudget(options.budgets ?? DEFAULT_BUDGETS);
    this.followers = new DocFollowers<Connection>(options.budgets ?? DEFAULT_BUDGETS);
    this.commands = new CommandDesk({
      ended: () => this.ended,
      flushed: () => this.store.flushed(),
      answerMove: (learnerId, requestId, allow) => this.moves.answer(learnerId, requestId, allow),
      context: {
        doc: (name) => this.doc(name),
        meta: this.meta, // the same object for the room's life (only its fields change)
        saveMeta: () => this.files.saveMeta(this.meta),
        setParticipant: (learnerId, fields) => this.updateRosterEntry(learnerId, fields),
        onlineLearners: () => this.onlineLearners(),
        origin: HOST_ORIGIN,
      },
    });
    this.trials = options.trials ? new UpdateTrials(options.trials) : null;
    this.store = new RoomDocs(
      files.log,
      (name, update, origin) => {
        if (name === 'session') this.phaseTimer.arm();
        this.docBudget.grew(name, update); // what Yjs integrated, not what was sent (a resend adds nothing)
        this.trials?.changed(name, update);
        this.broadcast(name, update, origin);
        if ((name === 'session' || name === 'groups' || name === 'evaluate') && this.authority.changed()) this.recheckSubscriptions();
      },
      {
        ...(options.idleUnloadMs !== undefined ? { idleUnloadMs: options.idleUnloadMs } : {}),
        canUnload: (name) => [...this.followers.of(name)].length === 0 && !this.trials?.busyWith(name),
        unloaded: (name) => this.trials?.forget(name),
        ...(this.trials ? { vet: (updates: Uint8Array[]) => this.trials!.vetLoad(updates) } : {}),
      },
    );
    this.writes = new RoomWrites<Connection>({
      mayWrite: (conn, doc, seq) => this.allowed(conn, doc, 'write', seq),
      isLearner: (conn) => conn.actor?.role === 'learner',
      endedFor: (conn, doc) => this.ended && !writableAfterEnd(conn.actor, doc),
      store: this.store,
      trials: this.trials,
      docBudget: this.docBudget,
      reject: (conn, reason, message, where) => this.reject(conn, reason, message, where),
      ack: (conn, doc, seq) => this.bySocket.has(conn.socket) && this.sendText(conn, { type: 'ack', doc, seq }),
    });
    markEveryoneOffline(this.doc('roster'), HOST_ORIGIN);
    migrateGroups(this.doc('session'), this.doc('groups'), HOST_ORIGIN);
    migrateQa(this.doc('qa'), this.doc('qa-private'), HOST_ORIGIN);
    const session = this.doc('session').getMap('meta');
    if (session.get('code') !== meta.code) {
      this.doc('session').transact(() => {
        session.set('title', meta.title);
        session.set('code', meta.code);
      }, HOST_ORIGIN);
    }
    this.phaseTimer.arm();
  }

  get ended(): boolean {
    return this.meta.endedAt !== null;
  }

  /** The document, created (empty) on first use, persisted and broadcast on every change. */
  doc(name: string): Y.Doc {
    return this.store.doc(name);
  }

  /**
   * Other readers receive a change right away; its author is acknowledged once it is on disk. Relaying before the
   * write is safe because of the two-way repair: a reader that saw a change the host then lost (a crash between relay
   * and fsync) gives it back when it answers the host's sync step 1 after the restart, and until then its own later
   * edits are refused as missing dependencies, never acknowledged (README: "What acknowledged means").
   */
  private broadcast(name: string, update: Uint8Array, origin: unknown): void {
    const frames = framesFor(encodeDocFrame(DocFrameKind.SYNC, name, syncUpdateMessage(update)), name, ++this.transfers);
    for (const conn of this.followers.of(name)) {
      if (conn === origin || !conn.actor) continue;
      for (const frame of frames) conn.socket.send(frame);
    }
  }

  /** Sends a document frame, in chunks when it is large (a whole board's state, say). */
  private sendFrame(conn: Connection, name: string, frame: Uint8Array): void {
    for (const part of framesFor(frame, name, ++this.transfers)) conn.socket.send(part);
  }

  attach(socket: RoomSocket): void {
    const conn: Connection = { socket, actor: null, subscriptions: new Set(), revoked: new Set(), awarenessIds: new Map(), intake: new FrameIntake(MAX_EDIT_BYTES) };
    this.connections.add(conn);
    this.bySocket.set(socket, conn);
  }

  detach(socket: RoomSocket): void {
    const conn = this.bySocket.get(socket);
    if (!conn) return;
    this.connections.delete(conn);
    this.bySocket.delete(socket);
    for (const doc of conn.subscriptions) this.followers.leave(conn, doc);
    const actor = conn.actor;
    this.moves.gone(conn, actor?.role === 'learner' ? actor.learnerId : null);
    if (actor?.role === 'learner') this.updateRosterEntry(actor.learnerId, { online: this.connected((a) => a.learnerId === actor.learnerId) });
    if (actor?.role === 'facilitator') this.setFacilitatorOnline(this.connected((a) => a.role === 'facilitator'));
  }

  /** Whether any connection that has joined matches (someone still online on another tab or device). */
  private connected(test: (actor: Actor) => boolean): boolean {
    for (const c of this.connections) if (c.actor && test(c.actor)) return true;
    return false;
  }

  connectionCount(): number {
    return this.connections.size;
  }

  private reject(conn: Connection, reason: RejectionReason, message: string, extra: Partial<{ doc: string; seq: number; id: string }> = {}): void {
    if (extra.seq === undefined) delete extra.seq;
    this.rejections.set(reason, (this.rejections.get(reason) ?? 0) + 1);
    this.sendText(conn, { type: 'error', reason, message, ...extra });
  }

  private sendText(conn: Connection, message: HostText): void {
    conn.socket.send(JSON.stringify(message));
  }

  /** Entry point for every frame of an attached socket. Never throws. */
  receive(socket: RoomSocket, data: string | Uint8Array): void {
    const conn = this.bySocket.get(socket);
    if (!conn) return;
    try {
      if (typeof data === 'string') this.receiveText(conn, data);
      else this.receiveBinary(conn, data);
    } catch (error) {
      this.reject(conn, 'internal', `the host could not process this frame (${(error as Error).message})`);
    }
  }

  private receiveText(conn: Connection, text: string): void {
    const parsed = parseClientText(text);
    if (!parsed.ok) {
      this.reject(conn, parsed.reason, parsed.message);
      return;
    }
    const message: ClientText = parsed.value;
    if (message.type === 'hello') {
      this.hello(conn, message);
      return;
    }
    if (!conn.actor) {
      this.reject(conn, 'not-joined', 'send hello first');
      return;
    }
    switch (message.type) {
      case 'subscribe': {
        const decision = this.authorizeDoc(conn, message.doc, 'read');
        if (!decision.ok) {
          this.reject(conn, decision.reason, decision.message, { doc: message.doc });
          return;
        }
        conn.revoked.delete(message.doc);
        this.follow(conn, message.doc, false);
        return;
      }
      case 'unsubscribe':
        conn.revoked.delete(message.doc);
        if (conn.subscriptions.delete(message.doc)) this.followers.leave(conn, message.doc);
        return;
      case 'command': {
        const id = message.id;
        this.commands.receive(conn.actor, message.id, message.command, {
          ack: () => this.bySocket.has(conn.socket) && this.sendText(conn, { type: 'command-ack', id }),
          reject: (reason, text) => this.reject(conn, reason, text, { id }),
        });
        return;
      }
      case 'ping':
        this.sendText(conn, { type: 'pong', t: message.t, hostTime: Date.now() });
        return;
      default:
        assertNever(message);
    }
  }

  /**
   * `conn` follows the document from now on. `restored`: access came back without the client asking (it has the
   * document open): it gets the host's whole state, as the answer to a sync step 1 it did not send.
   */
  private follow(conn: Connection, doc: string, restored: boolean): void {
    conn.subscriptions.add(doc);
    const presence = this.followers.follow(conn, doc);
    this.sendText(conn, { type: 'subscribed', doc });
    if (restored) this.sendFrame(conn, doc, encodeDocFrame(DocFrameKind.SYNC, doc, syncStep2Message(Y.encodeStateAsUpdate(this.doc(doc)))));
    // The repair half of the sync: our state vector, to every client that may write this document, which answers
    // with whatever we lack (as an edit we acknowledge once it is on disk) — so a change the host lost comes back
    // from any device that has it, even when its author never returns.
    if (authorize(this.actorOf(conn), doc, 'write', this.docContext()).ok && (!this.ended || writableAfterEnd(conn.actor, doc))) {
      conn.socket.send(encodeDocFrame(DocFrameKind.SYNC, doc, syncStep1Message(this.doc(doc))));
    }
    // Everyone's presence at once can be larger than one frame (many followers × 8 KiB): in chunks like a sync.
    if (presence) this.sendFrame(conn, doc, encodeDocFrame(DocFrameKind.AWARENESS, doc, presence));
  }

  /** Groups, sharing or reveals changed: every live subscription is checked again (subscriptionCheck.ts). */
  private recheckSubscriptions(): void {
    recheck(this.connections, {
      canRead: (conn, doc) => authorize(this.actorOf(conn), doc, 'read', this.docContext()),
      drop: (conn, doc, message) => {
        this.followers.leave(conn, doc);
        this.reject(conn, 'forbidden', message, { doc });
      },
      restore: (conn, doc) => this.follow(conn, doc, true),
    });
  }

  private hello(conn: Connection, hello: Hello): void {
    if (conn.actor) {
      this.reject(conn, 'already-joined', 'this connection has already joined');
      return;
    }
    if (hello.secret !== undefined) {
      if (!secretMatches(hello.secret, this.facilitatorSecret)) {
        this.reject(conn, 'bad-secret', 'the facilitator link is not valid for this session: open the one the host printed');
        conn.socket.close(4003, 'bad-secret');
        return;
      }
      conn.actor = { role: 'facilitator', learnerId: 'facilitator' };
      this.sendText(conn, { type: 'welcome', v: PROTOCOL_VERSION, role: 'facilitator', learnerId: 'facilitator', session: this.sessionInfo() });
      this.setFacilitatorOnline(true);
      return;
    }
    const identity = resolveLearner(this.meta, hello, this.ended);
    if (identity.ok === 'rejoin') {
      if (this.moves.start(conn, identity.learnerId) === 'busy') {
        this.reject(conn, 'too-many-attempts', 'this identity is already being moved to another device: wait for that, or join as a new participant');
        conn.socket.close(4003, 'too-many-attempts');
      }
      return;
    }
    if (!identity.ok) {
      this.reject(conn, identity.reason, identity.message);
      if (identity.reason === 'identity-moved') conn.socket.close(4009, 'identity-moved');
      if (identity.reason === 'bad-token') {
        // A wrong rejoin code: counted against the address like a wrong room code, and one guess per socket.
        conn.socket.failedJoin?.();
        conn.socket.close(4003, 'bad-token');
      }
      return;
    }
    this.joinLearner(conn, identity);
  }

  private joinLearner(conn: Connection, identity: Extract<LearnerIdentity, { ok: true }>): void {
    const { learnerId, token, record } = identity;
    if (identity.moved) {
      // The identity moved here: the device it left is told so at once (it keeps its unsent work, read-only).
      for (const other of [...this.connections]) {
        if (other === conn || other.actor?.learnerId !== learnerId) continue;
        this.reject(other, 'identity-moved', `${record.name} continues on another device (the rejoin code was used there): this device is read-only now; download what it has not sent and hand it over`);
        other.socket.close(4009, 'identity-moved');
      }
    }
    this.files.saveMeta(this.meta);
    conn.actor = { role: 'learner', learnerId };
    this.sendText(conn, {
      type: 'welcome',
      v: PROTOCOL_VERSION,
      role: 'learner',
      learnerId,
      token,
      rejoinCode: record.rejoinCode,
      session: this.sessionInfo(),
    });
    this.updateRosterEntry(learnerId, { name: record.name, profile: record.profile, online: true });
  }

  private sessionInfo() {
    return { id: this.meta.id, title: this.meta.title, code: this.meta.code, ended: this.ended };
  }

  private docContext(): DocContext {
    const from = this.authority.context();
    if (this.context?.from !== from) this.context = { from, with: { ...from, extraDocs: this.options.extraDocs } };
    return this.context.with;
  }

  /** Authorisation, then the document budget (a learner may bring only so many documents into existence). */
  private authorizeDoc(conn: Connection, doc: string, access: Access): BudgetDecision {
    const actor = this.actorOf(conn);
    const decision = authorize(actor, doc, access, this.docContext());
    return decision.ok ? this.docBudget.mayTouch(actor, doc, this.store.docs.has(doc)) : decision;
  }

  private actorOf(conn: Connection): Actor {
    return this.authority.withTeam(conn.actor!);
  }

  private receiveBinary(conn: Connection, bytes: Uint8Array): void {
    const taken = conn.intake.take(bytes);
    if ('error' in taken) {
      this.reject(conn, taken.error, taken.message, { ...(taken.doc ? { doc: taken.doc } : {}), ...(taken.seq !== undefined ? { seq: taken.seq } : {}) });
      return;
    }
    if (!conn.actor) {
      this.reject(conn, 'not-joined', 'send hello first');
      return;
    }
    if (!('frame' in taken)) return;
    const frame = taken.frame;
    switch (frame.kind) {
      case DocFrameKind.SYNC:
        this.sync(conn, frame.doc, frame.payload);
        return;
      case DocFrameKind.AWARENESS:
        this.awarenessUpdate(conn, frame.doc, frame.payload);
        return;
      case DocFrameKind.UPDATE:
        this.writes.write(conn, frame.doc, frame.payload, frame.seq);
        return;
      case DocFrameKind.CHUNK:
        return; // FrameIntake never hands one out
      default:
        assertNever(frame.kind);
    }
  }

  private allowed(conn: Connection, doc: string, access: Access, seq?: number): boolean {
    const decision = this.authorizeDoc(conn, doc, access);
    if (decision.ok) return true;
    this.reject(conn, decision.reason, decision.message, { doc, ...(seq !== undefined ? { seq } : {}) });
    return false;
  }

  private sync(conn: Connection, docName: string, payload: Uint8Array): void {
    let type: number;
    let bytes: Uint8Array;
    try {
      ({ type, bytes } = readSyncMessage(payload));
    } catch (error) {
      this.reject(conn, 'malformed', `undecodable sync message (${(error as Error).message})`, { doc: docName });
      return;
    }
    if (type === SYNC_STEP1) {
      if (!this.allowed(conn, docName, 'read')) return;
      const stateVector = bytes;
      const update = Y.encodeStateAsUpdate(this.doc(docName), stateVector);
      this.sendFrame(conn, docName, encodeDocFrame(DocFrameKind.SYNC, docName, syncStep2Message(update)));
      return;
    }
    if (type === SYNC_STEP2 || type === SYNC_UPDATE) {
      this.writes.write(conn, docName, bytes);
      return;
    }
    this.reject(conn, 'unknown-type', `unknown sync message ${type}`, { doc: docName });
  }

  private awarenessUpdate(conn: Connection, docName: string, payload: Uint8Array): void {
    if (!conn.subscriptions.has(docName) || !this.allowed(conn, docName, 'read')) return;
    try {
      const refused = this.followers.presence(conn, docName, payload);
      if (refused) this.reject(conn, refused.reason, refused.message, { doc: docName });
    } catch (error) {
      this.reject(conn, 'malformed', `undecodable awareness update (${(error as Error).message})`, { doc: docName });
    }
  }

  /** Learners connected now (once each), with their background. */
  private onlineLearners(): { id: string; profile: string | null }[] {
    const ids = new Set<string>();
    for (const c of this.connections) if (c.actor?.role === 'learner') ids.add(c.actor.learnerId);
    return [...ids].map((id) => ({ id, profile: this.meta.learners[id]?.profile ?? null }));
  }

  private updateRosterEntry(learnerId: string, fields: RosterFields): void {
    setParticipant(this.doc('roster'), this.doc('backgrounds'), learnerId, fields, HOST_ORIGIN);
  }

  private setFacilitatorOnline(online: boolean): void {
    setFacilitatorOnline(this.doc('roster'), online, HOST_ORIGIN);
  }

  /** Ends the session: it becomes read-only and everyone connected is told. */
  end(): void {
    if (this.ended) return;
    this.meta.endedAt = new Date().toISOString();
    this.files.saveMeta(this.meta);
    for (const conn of this.connections) this.sendText(conn, { type: 'session-ended' });
  }

  closeAll(code: number, reason: string): void {
    for (const conn of [...this.connections]) conn.socket.close(code, reason);
  }

  async close(): Promise<void> {
    this.phaseTimer.stop();
    this.closeAll(1001, 'host closing');
    await this.trials?.close();
    await this.store.close();
  }
}

