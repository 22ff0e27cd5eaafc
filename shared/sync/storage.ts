/**
 * What a room client keeps on its device, as an interface: the browser implements it with Dexie (IndexedDB),
 * Node tests and benchmarks with `MemoryStorage`. Per room: each document's updates, the outbox of edits not yet
 * acknowledged by the host, the commands (votes, questions…) not yet acknowledged, and the learner's identity
 * (token, rejoin code).
 */
import type { Command } from '../protocol/protocol';

export interface PendingCommand {
  id: string;
  command: Command;
}

export interface OutboxItem {
  doc: string;
  seq: number;
  update: Uint8Array;
  /**
   * A repair: everything this device had of the document that the host lacked when it asked (its sync step 1).
   * Once the host acknowledges it, every earlier edit of the document is on the host's disk too.
   */
  repair?: boolean;
}

export interface Identity {
  token: string;
  learnerId: string;
  rejoinCode: string;
  name: string;
  profile: string;
}

export interface ClientStorage {
  loadDoc(room: string, doc: string): Promise<Uint8Array[]>;
  storeUpdate(room: string, doc: string, update: Uint8Array): Promise<void>;
  loadOutbox(room: string): Promise<OutboxItem[]>;
  /**
   * Keeps an edit until the host acknowledges it, in ONE transaction with the document's own copy of the update
   * (`storeUpdate` false for a repair, whose content is already stored): a tab closed at any moment keeps both or
   * neither, so nothing is kept locally that would never be sent.
   */
  storeLocalEdit(room: string, item: OutboxItem, storeUpdate: boolean): Promise<void>;
  removeOutbox(room: string, doc: string, seq: number): Promise<void>;
  /** Commands sent but not acknowledged: a vote cast offline survives a reload and is sent when the room is back. */
  loadCommands(room: string): Promise<PendingCommand[]>;
  addCommand(room: string, item: PendingCommand): Promise<void>;
  removeCommand(room: string, id: string): Promise<void>;
  loadIdentity(room: string): Promise<Identity | null>;
  saveIdentity(room: string, identity: Identity): Promise<void>;
}

/** Keeps everything in memory: a "device" that survives reconnects but not a restart of the process. */
export class MemoryStorage implements ClientStorage {
  private readonly docs = new Map<string, Uint8Array[]>();
  private readonly outbox = new Map<string, Map<string, OutboxItem>>();
  private readonly identities = new Map<string, Identity>();

  async loadDoc(room: string, doc: string): Promise<Uint8Array[]> {
    return [...(this.docs.get(`${room}/${doc}`) ?? [])];
  }
  async storeUpdate(room: string, doc: string, update: Uint8Array): Promise<void> {
    const key = `${room}/${doc}`;
    const list = this.docs.get(key) ?? [];
    list.push(update);
    this.docs.set(key, list);
  }
  async loadOutbox(room: string): Promise<OutboxItem[]> {
    return [...(this.outbox.get(room)?.values() ?? [])];
  }
  async storeLocalEdit(room: string, item: OutboxItem, storeUpdate: boolean): Promise<void> {
    // Both at once, as one transaction would.
    if (storeUpdate) void this.storeUpdate(room, item.doc, item.update);
    const map = this.outbox.get(room) ?? new Map<string, OutboxItem>();
    map.set(`${item.doc}#${item.seq}`, item);
    this.outbox.set(room, map);
  }
  async removeOutbox(room: string, doc: string, seq: number): Promise<void> {
    this.outbox.get(room)?.delete(`${doc}#${seq}`);
  }
  private readonly commands = new Map<string, Map<string, PendingCommand>>();
  async loadCommands(room: string): Promise<PendingCommand[]> {
    return [...(this.commands.get(room)?.values() ?? [])];
  }
  async addCommand(room: string, item: PendingCommand): Promise<void> {
    const map = this.commands.get(room) ?? new Map<string, PendingCommand>();
    map.set(item.id, JSON.parse(JSON.stringify(item)) as PendingCommand);
    this.commands.set(room, map);
  }
  async removeCommand(room: string, id: string): Promise<void> {
    this.commands.get(room)?.delete(id);
  }
  async loadIdentity(room: string): Promise<Identity | null> {
    return this.identities.get(room) ?? null;
  }
  async saveIdentity(room: string, identity: Identity): Promise<void> {
    this.identities.set(room, identity);
  }
}
