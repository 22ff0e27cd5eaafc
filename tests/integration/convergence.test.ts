/**
 * The seeded convergence fuzz of our document shapes — session, team boards and notes, room documents — between
 * one real host Room and real RoomClients on a simulated network (tests/helpers/convergenceFuzz.ts and
 * simNetwork.ts): short runs here, 10,000 steps a seed in `npm run bench:convergence`. A failing seed replays
 * exactly: `npm run bench:convergence -- --seed N --steps 1500`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RoomClient } from '../../shared/sync/roomClient';
import { MemoryStorage } from '../../shared/sync/storage';
import { runConvergenceFuzz, type FuzzResult, type ProblemKind } from '../helpers/convergenceFuzz';
import { SIM_ROOM_CODE, SIM_URL, SimNetwork, missingFrom, settle, type SimLink } from '../helpers/simNetwork';

const SEEDS = [1, 2, 3];
const STEPS = 1500;
const END_STATE: ProblemKind[] = ['refused', 'stuck', 'diverged', 'lost', 'disk'];

const problems = (result: FuzzResult, kinds: ProblemKind[]): string[] => result.problems.filter((p) => kinds.includes(p.kind)).map((p) => `seed ${result.seed} ${p.kind}: ${p.message}`);

describe('convergence fuzz', () => {
  const results = new Map<number, FuzzResult>();
  beforeAll(async () => {
    for (const seed of SEEDS) results.set(seed, await runConvergenceFuzz({ seed, steps: STEPS }));
  }, 120_000);

  it.each(SEEDS)('seed %i: after healing every replica is exactly the host’s, and every acknowledged edit is in its memory and files', (seed) => {
    const result = results.get(seed)!;
    expect(problems(result, END_STATE)).toEqual([]);
    // It did real work: edits acknowledged, disconnects, reloads and offline spells on the way.
    expect(result.stats.ackedEdits).toBeGreaterThan(200);
    for (const fault of ['drops', 'offline', 'reloads', 'timers'] as const) expect(result.stats[fault]).toBeGreaterThan(0);
  });

  // Failed on a26244f: a client sent a new edit as soon as its socket opened, before the welcome made it resend
  // older unacknowledged ones; the host got the newer one first, Yjs kept it pending (it builds on the older one),
  // nothing new was written, and it was acknowledged all the same.
  it('the host acknowledges an edit only once it is on disk', () => {
    expect([...results.values()].flatMap((r) => problems(r, ['unsafe-ack']))).toEqual([]);
  });

  // The consequence on a26244f: a host restart between that ack and the older edit's arrival lost the acknowledged
  // edit for good (the device dropped it from its outbox).
  it('with host restarts, nothing acknowledged is lost and every replica ends equal', async () => {
    const result = await runConvergenceFuzz({ seed: 1, steps: STEPS, restarts: true });
    expect(result.stats.restarts).toBeGreaterThan(0);
    expect(problems(result, END_STATE)).toEqual([]);
  }, 60_000);

  // The smallest case of the above, scripted: edit offline, reconnect, edit again before the welcome arrives.
  it('an edit made while reconnecting is acknowledged only once it is on disk', async () => {
    const unsafe: string[] = [];
    const net = new SimNetwork({
      random: () => 0.5,
      observer: {
        hostSent(_link: SimLink, frame) {
          if (typeof frame !== 'string' || !frame.startsWith('{"type":"ack"')) return;
          const durable = net.log.durable.get('room/notes');
          const host = net.room.doc('room/notes');
          // A document never written is an empty one (an empty repair is acknowledged as a durability barrier).
          const missing = missingFrom(durable ?? new Y.Doc(), Y.encodeStateAsUpdate(host));
          if (missing || host.store.pendingStructs) unsafe.push(`${frame} ${missing ?? 'pending'}`);
        },
      },
    });
    const settleAll = async () => {
      await settle();
      for (let events = net.events(); events.length || net.clock.fireNext(); events = net.events()) {
        if (events.length) await net.deliver(events[0]!);
        await net.flush();
      }
    };
    const client = net.clock.within(() => new RoomClient({ url: SIM_URL, room: SIM_ROOM_CODE, createSocket: net.createSocket('ada'), storage: new MemoryStorage(), name: 'Ada' }));
    const text = client.doc('room/notes').getText('text');
    await settleAll();
    net.clock.within(() => client.setNetworkAvailable(false));
    await settleAll();
    text.insert(0, 'older ');
    net.clock.within(() => client.setNetworkAvailable(true));
    await net.deliver(net.events()[0]!); // the socket opens: hello
    text.insert(6, 'newer '); // sent at once, ahead of the resend the welcome will trigger
    await settleAll();
    await net.close();
    net.clock.within(() => client.close());
    expect(unsafe).toEqual([]);
  });

  it('replays a seed exactly: same schedule, same final boards and notes', async () => {
    const [a, b] = [await runConvergenceFuzz({ seed: 7, steps: 300 }), await runConvergenceFuzz({ seed: 7, steps: 300 })];
    expect(b.trace).toBe(a.trace);
    expect(b.digest).toBe(a.digest);
    expect((await runConvergenceFuzz({ seed: 8, steps: 300 })).trace).not.toBe(a.trace);
  }, 60_000);

  // The fuzz can fail: a host that loses updates is caught by the end-state checks alone.
  it('catches a host that drops every 50th update (yet acknowledges it)', async () => {
    const result = await runConvergenceFuzz({ seed: 1, steps: 800, sabotage: 'host-drops-every-50th-update' });
    // Its acks are caught as they go out; the two-way repair then gives the host back what it dropped (from the
    // devices that have it), so the end state may well converge.
    expect(result.counts['unsafe-ack']).toBeGreaterThan(0);
  }, 60_000);

  it('catches a disk that loses every 50th record (yet reports it written)', async () => {
    const result = await runConvergenceFuzz({ seed: 1, steps: 800, sabotage: 'disk-loses-every-50th-record' });
    expect(result.counts.disk).toBeGreaterThan(0);
    expect(result.counts.lost).toBeGreaterThan(0);
  }, 60_000);
});
