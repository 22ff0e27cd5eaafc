/**
 * What this device has sent and the host has not yet acknowledged: document edits (by document and sequence
 * number, acknowledged once they are on the host's disk) and commands (votes, questions, hands, group choices;
 * idempotent by id). Both are kept in the device's storage as well as in memory, so a reload or a crash loses
 * nothing; the room client resends everything in here after every reconnect. Refused items are dropped, since the
 * host will never accept them.
 */
import type { Command } from '../protocol/protocol';
import type { ClientStorage, OutboxItem } from './storage';

export class Outbox {
  private readonly edits = new Map<string, OutboxItem>();
  private readonly commands = new Map<string, Command>();
  private seq = Date.now();

  constructor(
    private readonly storage: ClientStorage,
    private readonly room: string,
    private readonly changed: () => void,
  ) {}

  /** Loads what an earlier page (or process) left unacknowledged; it goes before anything added since. */
  async load(): Promise<void> {
    const [items, commands] = await Promise.all([this.storage.loadOutbox(this.room), this.storage.loadCommands(this.room)]);
    for (const item of items) {
      this.edits.set(key(item.doc, item.seq), item);
      this.seq = Math.max(this.seq, item.seq + 1);
    }
    const newer = [...this.commands];
    this.commands.clear();
    for (const { id, command } of commands) this.commands.set(id, command);
    for (const [id, command] of newer) this.commands.set(id, command);
    if (items.length || commands.length) this.changed();
  }

  get size(): number {
    return this.edits.size + this.commands.size;
  }

  addEdit(doc: string, update: Uint8Array): OutboxItem {
    const item: OutboxItem = { doc, seq: this.seq++, update };
    this.edits.set(key(doc, item.seq), item);
    void this.storage.addOutbox(this.room, item);
    this.changed();
    return item;
  }

  /** The host saved this edit (ack), or refused it for good: either way it is not resent. */
  removeEdit(doc: string, seq: number): void {
    if (!this.edits.delete(key(doc, seq))) return;
    void this.storage.removeOutbox(this.room, doc, seq);
    this.changed();
  }

  addCommand(id: string, command: Command): void {
    this.commands.set(id, command);
    void this.storage.addCommand(this.room, { id, command });
    this.changed();
  }

  /** The host applied this command, or refused it: it is not resent. */
  removeCommand(id: string): void {
    if (!this.commands.delete(id)) return;
    void this.storage.removeCommand(this.room, id);
    this.changed();
  }

  pendingEdits(): Iterable<OutboxItem> {
    return this.edits.values();
  }

  pendingCommands(): Iterable<[string, Command]> {
    return this.commands.entries();
  }
}

function key(doc: string, seq: number): string {
  return `${doc}#${seq}`;
}
