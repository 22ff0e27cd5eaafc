/**
 * Room client behaviour that needs a host misbehaving on purpose, with a scripted in-process socket and fake timers:
 * a host that closes the socket on the first frame after welcome must not make the client reconnect in a tight loop
 * (the backoff resets only once the connection has proved itself); a frame the client cannot take is reported; a
 * client welcomed into an ended session reconnects after a drop (and stays read-only), one refused at the door does not.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DocFrameKind, PROTOCOL_VERSION, encodeDocFrame } from '../protocol/protocol';
import { RoomClient, type ClientSocket } from './roomClient';
import { MemoryStorage } from './storage';

class ScriptedSocket implements ClientSocket {
  binaryType = 'arraybuffer';
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(private readonly script: (socket: ScriptedSocket, data: string | Uint8Array) => void) {
    queueMicrotask(() => {
      this.readyState = 1;
      this.onopen?.({});
    });
  }
  send(data: string | Uint8Array): void {
    this.script(this, data);
  }
  close(code = 1000, reason = ''): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    queueMicrotask(() => this.onclose?.({ code, reason }));
  }
  receive(data: unknown): void {
    queueMicrotask(() => this.onmessage?.({ data }));
  }
}

const welcome = JSON.stringify({ type: 'welcome', v: PROTOCOL_VERSION, role: 'learner', learnerId: 'l-1', token: 't'.repeat(20), rejoinCode: 'ABCDEFGH', session: { id: 's', title: 'T', code: 'K7M2QX', ended: false } });

afterEach(() => {
  vi.useRealTimers();
});

describe('RoomClient against a misbehaving host', () => {
  it('backs off when the host closes the socket right after welcome, instead of looping', async () => {
    vi.useFakeTimers();
    let connects = 0;
    const client = new RoomClient({
      url: 'ws://test/ws',
      room: 'K7M2QX',
      storage: new MemoryStorage(),
      backoffMs: 250,
      createSocket: () => {
        connects++;
        return new ScriptedSocket((socket, data) => {
          if (typeof data === 'string' && data.includes('"hello"')) socket.receive(welcome);
          else socket.close(1009, 'message too big'); // the first frame after welcome
        });
      },
    });
    client.doc('room/notes').getMap('m').set('k', 'an edit waiting to be sent');
    await vi.advanceTimersByTimeAsync(30_000);
    // Backoff doubling to 5 s: about a dozen attempts in 30 s; resetting it on every welcome made ~120.
    expect(connects).toBeLessThan(20);
    expect(client.pendingCount).toBe(1);
    client.close();
  });

  it('reports a frame it cannot take instead of dropping it silently', async () => {
    const errors: string[] = [];
    let server: ScriptedSocket | null = null;
    const client = new RoomClient({
      url: 'ws://test/ws',
      room: 'K7M2QX',
      storage: new MemoryStorage(),
      createSocket: () => {
        server = new ScriptedSocket((socket, data) => {
          if (typeof data === 'string' && data.includes('"hello"')) socket.receive(welcome);
        });
        return server;
      },
    });
    client.on('error', (e) => errors.push(`${e.reason}: ${e.doc ?? ''}`));
    client.doc('room/notes');
    await vi.waitFor(() => expect(client.status).toBe('online'));
    // A single frame over the limit (the host always chunks; this one did not).
    const tooBig = encodeDocFrame(DocFrameKind.SYNC, 'room/notes', new Uint8Array(600 * 1024).fill(1));
    server!.receive(tooBig.buffer);
    await vi.waitFor(() => expect(errors).toEqual(['too-big: room/notes']));
    client.close();
  });

  it('stops treating a document as live when the host drops it, without asking again, until the host follows it again', async () => {
    let server: ScriptedSocket | null = null;
    const subscribes: string[] = [];
    const client = new RoomClient({
      url: 'ws://test/ws',
      room: 'K7M2QX',
      storage: new MemoryStorage(),
      createSocket: () => {
        server = new ScriptedSocket((socket, data) => {
          if (typeof data !== 'string') return;
          if (data.includes('"hello"')) socket.receive(welcome);
          if (data.includes('"subscribe"')) subscribes.push(data);
        });
        return server;
      },
    });
    const access: string[] = [];
    client.on('access', (doc) => access.push(`${doc}: ${client.canRead(doc)}`));
    client.doc('team/team-1/notes');
    await vi.waitFor(() => expect(subscribes).toHaveLength(1));
    // A learner moved to another team: the host drops the subscription and says so.
    server!.receive(JSON.stringify({ type: 'error', reason: 'forbidden', message: 'only team team-1 …', doc: 'team/team-1/notes' }));
    await vi.waitFor(() => expect(client.canRead('team/team-1/notes')).toBe(false));
    await new Promise((r) => setTimeout(r, 50));
    expect(subscribes).toHaveLength(1); // not asked again and again
    // Access back (moved back, or the team shared): the host follows it again for this device.
    server!.receive(JSON.stringify({ type: 'subscribed', doc: 'team/team-1/notes' }));
    await vi.waitFor(() => expect(client.canRead('team/team-1/notes')).toBe(true));
    expect(access).toEqual(['team/team-1/notes: false', 'team/team-1/notes: true']);
    client.close();
  });

  it('syncs again a document whose edit the host dropped by its rate limit (said once, without which frame), until it is acknowledged', async () => {
    vi.useFakeTimers();
    let server: ScriptedSocket | null = null;
    const subscribes: string[] = [];
    let edits = 0;
    const client = new RoomClient({
      url: 'ws://test/ws',
      room: 'K7M2QX',
      storage: new MemoryStorage(),
      createSocket: () => {
        server = new ScriptedSocket((socket, data) => {
          if (typeof data !== 'string') edits++;
          else if (data.includes('"hello"')) socket.receive(welcome);
          else if (data.includes('"subscribe"')) subscribes.push(data);
        });
        return server;
      },
    });
    const doc = client.doc('room/notes');
    await vi.waitFor(() => expect(subscribes).toHaveLength(1));
    // The room's state arrives (sync step 2, empty), then an edit: the host drops its frame over the address's budget.
    server!.receive(encodeDocFrame(DocFrameKind.SYNC, 'room/notes', new Uint8Array([1, 2, 0, 0])).buffer);
    await vi.waitFor(() => expect(client.whenSynced('room/notes')).resolves.toBeUndefined());
    doc.getArray<string>('set').push(['x']);
    await vi.waitFor(() => expect(edits).toBeGreaterThan(1));
    server!.receive(JSON.stringify({ type: 'error', reason: 'rate-limited', message: 'too many messages or too much data from this network address: slow down' }));
    await vi.advanceTimersByTimeAsync(1_100);
    // Synced again: the host answers with its state vector, the repair carries the dropped edit.
    expect(subscribes).toHaveLength(2);
    // Still not acknowledged (that repair may have been dropped too, silently): again, later.
    await vi.advanceTimersByTimeAsync(2_100);
    expect(subscribes).toHaveLength(3);
    expect(client.pendingCount).toBe(1);
    client.close();
  });

  it('in an ended session it was welcomed into, reconnects after a drop and stays read-only; refused at the door, it does not', async () => {
    const ended = welcome.replace('"ended":false', '"ended":true');
    let connects = 0;
    let server: ScriptedSocket | null = null;
    const reader = new RoomClient({
      url: 'ws://test/ws',
      room: 'K7M2QX',
      storage: new MemoryStorage(),
      backoffMs: 1,
      createSocket: () => {
        connects++;
        server = new ScriptedSocket((socket, data) => {
          if (typeof data === 'string' && data.includes('"hello"')) socket.receive(ended);
        });
        return server;
      },
    });
    await vi.waitFor(() => expect(reader.status).toBe('ended'));
    expect(reader.sessionEnded && reader.readOnly).toBe(true);
    server!.close(1001, 'host closing');
    await vi.waitFor(() => expect(connects).toBe(2));
    expect(reader.sessionEnded).toBe(true); // while reconnecting too
    await vi.waitFor(() => expect(reader.status).toBe('ended'));
    reader.close();

    let doorConnects = 0;
    const newcomer = new RoomClient({
      url: 'ws://test/ws',
      room: 'K7M2QX',
      storage: new MemoryStorage(),
      backoffMs: 1,
      createSocket: () => {
        doorConnects++;
        return new ScriptedSocket((socket, data) => {
          if (typeof data === 'string' && data.includes('"hello"')) socket.receive(JSON.stringify({ type: 'error', reason: 'session-ended', message: 'this session has ended' }));
        });
      },
    });
    await vi.waitFor(() => expect(newcomer.status).toBe('ended'));
    await new Promise((r) => setTimeout(r, 50));
    expect(doorConnects).toBe(1);
    newcomer.close();
  });
});

describe('RoomClient joining', () => {
  it('opens the socket while the outbox loads from the device, says hello only once it has, then resends it', async () => {
    const storage = new MemoryStorage();
    await storage.addCommand('K7M2QX', { id: 'q-1', command: { cmd: 'raise-hand', raised: true } });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const loadCommands = storage.loadCommands.bind(storage);
    storage.loadCommands = async (room) => {
      await held;
      return loadCommands(room);
    };
    const sent: string[] = [];
    let connects = 0;
    const client = new RoomClient({
      url: 'ws://test/ws',
      room: 'K7M2QX',
      storage,
      createSocket: () => {
        connects++;
        return new ScriptedSocket((socket, data) => {
          if (typeof data !== 'string') return;
          sent.push(data);
          if (data.includes('"hello"')) socket.receive(welcome);
        });
      },
    });
    // The socket is open before the device's outbox has loaded; nothing is said on it yet.
    await new Promise((r) => setTimeout(r, 20));
    expect(connects).toBe(1);
    expect(sent).toEqual([]);
    release();
    await vi.waitFor(() => expect(client.status).toBe('online'));
    expect(JSON.parse(sent[0]!)).toMatchObject({ type: 'hello', room: 'K7M2QX' });
    // The welcome's resend found what the earlier page left unacknowledged.
    await vi.waitFor(() => expect(sent.some((s) => s.includes('"q-1"'))).toBe(true));
    expect(connects).toBe(1);
    client.close();
  });
});
