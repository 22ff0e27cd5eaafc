/**
 * Time in the room, on the real host: a device whose clock is a minute off still reads the host's time (so its
 * countdown matches everyone's), and an announced phase change becomes final on the host when its grace period
 * ends — with the facilitator's console closed, and after a restart of the host.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { initialClock, readClock, start, type ClockState } from '../../shared/room/clock';
import type { SessionState } from '../../shared/room/sessionState';
import type { RoomClient } from '../../shared/sync/roomClient';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { RestartableHost } from '../helpers/restartableHost';
import { connectClient, hostKeyOf, online, waitFor } from '../helpers/roomClients';

const plan = [
  { id: 'engage', title: 'Engage', minutes: 20 },
  { id: 'explore', title: 'Explore', minutes: 30 },
];
const stateOf = (c: RoomClient) => c.doc('session').getMap('state').toJSON() as SessionState;
const write = (c: RoomClient, patch: Partial<SessionState>) => {
  const doc = c.doc('session');
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) doc.getMap('state').set(key, value);
  });
};

describe('the host clock', () => {
  const hosts: HostProcess[] = [];
  const clients: RoomClient[] = [];
  afterAll(async () => {
    for (const c of clients) c.close();
    await Promise.all(hosts.map((h) => h.stop()));
  });

  it('a device a minute ahead reads the host time, within half its best round trip, and shows the same countdown', async () => {
    const host = await startHostProcess({ args: ['--session', 'Clock room'] });
    hosts.push(host);
    const room = host.line.room as string;
    const facilitator = connectClient(host.url, room, { secret: hostKeyOf(host.line.facilitatorUrl as string) });
    const skewed = connectClient(host.url, room, { name: 'Fast clock', now: () => Date.now() + 60_000 });
    clients.push(facilitator, skewed);
    await Promise.all([online(facilitator), online(skewed)]);
    await waitFor(() => skewed.hostClock.estimate.best !== null && facilitator.hostClock.estimate.best !== null, 'a round trip measured');

    // The host runs on this machine, so its clock is this process's: the skew is corrected up to the estimate's bound.
    const best = skewed.hostClock.estimate.best!;
    expect(Math.abs(skewed.hostNow() - Date.now())).toBeLessThanOrEqual(best.rttMs / 2 + 2);

    await facilitator.whenSynced('session');
    write(facilitator, { phase: 'engage', clock: start({ ...initialClock(), phaseId: 'engage' }, facilitator.hostNow()) });
    await waitFor(() => stateOf(skewed).clock?.running === true, 'the learner sees the clock running');
    const clock = stateOf(skewed).clock as ClockState;
    const bound = best.rttMs / 2 + facilitator.hostClock.estimate.best!.rttMs / 2 + 2;
    const learnerLeft = readClock(plan, clock, skewed.hostNow()).remainingMs;
    const facilitatorLeft = readClock(plan, clock, facilitator.hostNow()).remainingMs;
    expect(Math.abs(learnerLeft - facilitatorLeft)).toBeLessThanOrEqual(bound + 1000); // read one after the other
    expect(learnerLeft).toBeGreaterThan(19 * 60_000); // not a minute short, as its own clock would say
  });

  it('makes an announced phase change final when the grace period ends, with the console closed', async () => {
    const host = await startHostProcess({ args: ['--session', 'Phase room'] });
    hosts.push(host);
    const room = host.line.room as string;
    const facilitator = connectClient(host.url, room, { secret: hostKeyOf(host.line.facilitatorUrl as string) });
    clients.push(facilitator);
    await facilitator.whenSynced('session');
    write(facilitator, { phase: 'engage', clock: start({ ...initialClock(), phaseId: 'engage' }, facilitator.hostNow()) });
    write(facilitator, { pending: { phase: 'explore', at: facilitator.hostNow() + 500 } });
    await waitFor(() => facilitator.pendingCount === 0, 'the announcement acknowledged');
    facilitator.close();

    const learner = connectClient(host.url, room, { name: 'Watcher' });
    clients.push(learner);
    await learner.whenSynced('session');
    await waitFor(() => stateOf(learner).phase === 'explore', 'the phase change made final by the host');
    const state = stateOf(learner);
    expect(state.pending).toBeNull();
    expect(state.clock).toMatchObject({ phaseId: 'explore', running: true, elapsedMs: 0 });
  });

  it('makes final, after a restart, a change announced before it', async () => {
    const host = new RestartableHost('Restart phase room');
    try {
      const line = await host.start();
      const facilitator = connectClient(line.url, line.room as string, { secret: hostKeyOf(line.facilitatorUrl as string) });
      clients.push(facilitator);
      await facilitator.whenSynced('session');
      write(facilitator, { phase: 'engage', pending: { phase: 'explore', at: facilitator.hostNow() + 5000 } });
      await waitFor(() => facilitator.pendingCount === 0, 'the announcement acknowledged');
      facilitator.close();
      await host.kill();

      const again = await host.start();
      const learner = connectClient(again.url, again.room as string, { name: 'After restart' });
      clients.push(learner);
      await learner.whenSynced('session');
      await waitFor(() => stateOf(learner).phase === 'explore' && stateOf(learner).pending === null, 'the persisted change made final');
    } finally {
      await host.close();
    }
  });
});
