/**
 * What this device keeps for the room, in IndexedDB through Dexie. One database, `workshop-kit`:
 *   updates     every Yjs update of every document, per room (merged into one row per document when it grows)
 *   outbox      local edits the host has not acknowledged yet (resent after every reconnect)
 *   commands    votes, questions, hands… the host has not acknowledged yet (resent likewise, even after a reload)
 *   identities  per room: the learner token, id, rejoin code, name and profile
 * A reload, a closed laptop or a dropped Wi-Fi loses nothing: the room client loads from here first.
 */
import Dexie, { type Table } from 'dexie';
import * as Y from 'yjs';
import type { ClientStorage, Identity, OutboxItem, PendingCommand } from '../../../shared/sync/storage';

interface UpdateRow {
  id?: number;
  room: string;
  doc: string;
  update: Uint8Array;
}
interface OutboxRow extends OutboxItem {
  room: string;
}
interface IdentityRow extends Identity {
  room: string;
}
interface CommandRow extends PendingCommand {
  room: string;
  /** When it was given, to resend in order. */
  at: number;
}

class KitDatabase extends Dexie {
  updates!: Table<UpdateRow, number>;
  outbox!: Table<OutboxRow, [string, string, number]>;
  identities!: Table<IdentityRow, string>;
  commands!: Table<CommandRow, [string, string]>;

  constructor(name = 'workshop-kit') {
    super(name);
    this.version(1).stores({
      updates: '++id, [room+doc]',
      outbox: '[room+doc+seq], room',
      identities: 'room',
    });
    this.version(2).stores({ commands: '[room+id], room' });
  }
}

/** Rows per document before they are merged into one. */
const MERGE_AT = 200;

export class DexieStorage implements ClientStorage {
  private readonly db: KitDatabase;

  constructor(name?: string) {
    this.db = new KitDatabase(name);
  }
  private readonly counts = new Map<string, number>();

  async loadDoc(room: string, doc: string): Promise<Uint8Array[]> {
    const rows = await this.db.updates.where('[room+doc]').equals([room, doc]).toArray();
    this.counts.set(`${room}/${doc}`, rows.length);
    return rows.map((r) => r.update);
  }

  async storeUpdate(room: string, doc: string, update: Uint8Array): Promise<void> {
    await this.db.updates.add({ room, doc, update });
    await this.counted(room, doc);
  }

  /** One more row for the document: merged into one when there are many. */
  private async counted(room: string, doc: string): Promise<void> {
    const key = `${room}/${doc}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (count >= MERGE_AT) await this.merge(room, doc);
  }

  private async merge(room: string, doc: string): Promise<void> {
    await this.db.transaction('rw', this.db.updates, async () => {
      const rows = await this.db.updates.where('[room+doc]').equals([room, doc]).toArray();
      if (rows.length < 2) return;
      const merged = Y.mergeUpdates(rows.map((r) => r.update));
      await this.db.updates.bulkDelete(rows.map((r) => r.id!));
      await this.db.updates.add({ room, doc, update: merged });
    });
    this.counts.set(`${room}/${doc}`, 1);
  }

  async loadOutbox(room: string): Promise<OutboxItem[]> {
    const rows = await this.db.outbox.where('room').equals(room).toArray();
    return rows.map(({ doc, seq, update, repair }) => ({ doc, seq, update, ...(repair ? { repair } : {}) }));
  }

  async loadCommands(room: string): Promise<PendingCommand[]> {
    const rows = await this.db.commands.where('room').equals(room).toArray();
    return rows.sort((a, b) => a.at - b.at).map(({ id, command }) => ({ id, command }));
  }

  async addCommand(room: string, item: PendingCommand): Promise<void> {
    await this.db.commands.put({ room, at: Date.now(), ...item });
  }

  async removeCommand(room: string, id: string): Promise<void> {
    await this.db.commands.delete([room, id]);
  }

  async storeLocalEdit(room: string, item: OutboxItem, storeUpdate: boolean): Promise<void> {
    await this.db.transaction('rw', this.db.updates, this.db.outbox, async () => {
      if (storeUpdate) await this.db.updates.add({ room, doc: item.doc, update: item.update });
      await this.db.outbox.put({ room, ...item });
    });
    if (storeUpdate) await this.counted(room, item.doc);
  }

  async removeOutbox(room: string, doc: string, seq: number): Promise<void> {
    await this.db.outbox.delete([room, doc, seq]);
  }

  async loadIdentity(room: string): Promise<Identity | null> {
    const row = await this.db.identities.get(room);
    if (!row) return null;
    const { room: _room, ...identity } = row;
    return identity;
  }

  async saveIdentity(room: string, identity: Identity): Promise<void> {
    await this.db.identities.put({ room, ...identity });
  }

  async forget(room: string): Promise<void> {
    await this.db.identities.delete(room);
  }
}

export const deviceStorage = new DexieStorage();
