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
  /** Local writes not yet committed to the device's storage ("saved on this device" only once this is 0). */
  saving = 0;

  constructor(
    private readonly storage: ClientStorage,
    private readonly room: string,
    private readonly changed: () => void,
    private readonly failed: (error: Error) => void = () => undefined,
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

  /** A local edit (stored with the document's update in one transaction), or a repair (`repair`: already stored). */
  addEdit(doc: string, update: Uint8Array, repair = false): OutboxItem {
    const item: OutboxItem = { doc, seq: this.seq++, update, ...(repair ? { repair } : {}) };
    this.edits.set(key(doc, item.seq), item);
    this.saving++;
    this.storage
      .storeLocalEdit(this.room, item, !repair)
      .catch((error: unknown) => this.failed(error as Error))
      .finally(() => {
        this.saving--;
        this.changed();
      });
    this.changed();
    return item;
  }

  /**
   * The host saved this edit (ack), or refused it for good: either way it is not resent. A saved repair covers
   * every earlier edit of its document, which go too.
   */
  removeEdit(doc: string, seq: number): void {
    const item = this.edits.get(key(doc, seq));
    if (!item) return;
    const covered = item.repair ? [...this.edits.values()].filter((e) => e.doc === doc && e.seq <= seq) : [item];
    for (const e of covered) {
      this.edits.delete(key(e.doc, e.seq));
      void this.storage.removeOutbox(this.room, e.doc, e.seq);
    }
    this.changed();
  }

  /** The edit waiting under this sequence number, if any. */
  edit(doc: string, seq: number): OutboxItem | undefined {
    return this.edits.get(key(doc, seq));
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

  /** Waiting edits in the order they were made. */
  pendingEdits(): OutboxItem[] {
    return [...this.edits.values()].sort((a, b) => a.seq - b.seq);
  }

  pendingCommands(): Iterable<[string, Command]> {
    return this.commands.entries();
  }
}

function key(doc: string, seq: number): string {
  return `${doc}#${seq}`;
}
