import { describe, expect, it } from 'vitest';
import { BURST, ClockOffset, HostClock, PERIOD_MS } from './clockOffset';

/** A round trip over a simulated network: the device's clock is `skew` ms off the host's (true time = host time). */
function roundTrip(at: number, skew: number, upMs: number, downMs: number) {
  return { sentAt: at + skew, hostTime: at + upMs, receivedAt: at + upMs + downMs + skew };
}

describe('ClockOffset', () => {
  it('corrects a device clock a minute ahead (symmetric delays: exact)', () => {
    const estimate = new ClockOffset();
    estimate.add(roundTrip(1_000_000, 60_000, 20, 20));
    expect(estimate.offsetMs).toBe(-60_000);
    expect(estimate.hostNow(1_000_000 + 60_000)).toBe(1_000_000);
  });

  it('with asymmetric delays is off by at most half the round trip', () => {
    const estimate = new ClockOffset();
    estimate.add(roundTrip(5_000, -45_000, 180, 20));
    const best = estimate.best!;
    expect(best.rttMs).toBe(200);
    expect(Math.abs(best.offsetMs - 45_000)).toBeLessThanOrEqual(best.rttMs / 2);
    expect(best.offsetMs).toBe(45_080); // all the asymmetry, 80 ms, shows as error
  });

  it('takes the minimum-round-trip sample, whatever the order', () => {
    const estimate = new ClockOffset();
    estimate.add(roundTrip(10_000, 30_000, 900, 50)); // a busy moment: 425 ms of error
    estimate.add(roundTrip(20_000, 30_000, 6, 4)); // the quick one: 1 ms of error
    estimate.add(roundTrip(30_000, 30_000, 40, 1200));
    expect(estimate.best).toEqual({ offsetMs: -30_000 + 1, rttMs: 10 });
  });

  it('a sample that cannot agree with the best one means a clock was set: the estimate follows at once', () => {
    const estimate = new ClockOffset();
    estimate.add(roundTrip(0, 60_000, 2, 2)); // offset −60 s ± 2 ms
    estimate.add(roundTrip(1000, 60_000, 200, 200)); // slower, consistent: kept, not best
    expect(estimate.best).toEqual({ offsetMs: -60_000, rttMs: 4 });
    estimate.add(roundTrip(2000, 0, 50, 50)); // the device's clock was corrected meanwhile
    expect(estimate.best).toEqual({ offsetMs: 0, rttMs: 100 });
  });

  it('ignores impossible samples and forgets old ones', () => {
    const estimate = new ClockOffset(3);
    expect(estimate.add({ sentAt: 100, hostTime: 50, receivedAt: 90 })).toBe(false);
    expect(estimate.add({ sentAt: Number.NaN, hostTime: 50, receivedAt: 90 })).toBe(false);
    expect(estimate.offsetMs).toBe(0);
    estimate.add(roundTrip(0, 1000, 1, 1)); // best, then pushed out by three newer ones
    for (let i = 1; i <= 3; i++) estimate.add(roundTrip(i * 1000, 5000, 10, 10));
    expect(estimate.best).toEqual({ offsetMs: -5000, rttMs: 20 });
  });
});

describe('HostClock', () => {
  it('pings a burst after a welcome, takes only answers to its own pings, and reads the host time', () => {
    let deviceTime = 1_000_000 + 60_000; // this device is a minute ahead of the host
    const clock = new HostClock(() => deviceTime);
    const sent: number[] = [];
    clock.connected((t) => sent.push(t) > 0);
    expect(sent).toHaveLength(1);
    clock.pong({ t: 123, hostTime: 0 }); // not one of ours
    expect(clock.estimate.best).toBeNull();
    for (let i = 0; i < BURST; i++) {
      const t = sent[i]!;
      deviceTime += 30;
      clock.pong({ t, hostTime: t - 60_000 + 10 }); // 10 ms up, 20 ms down
      deviceTime += 1;
    }
    expect(sent).toHaveLength(BURST);
    expect(Math.abs(clock.hostNow() - (deviceTime - 60_000))).toBeLessThanOrEqual(15);
    expect(sent).toHaveLength(BURST); // no timer, and no more round trips until the last one is PERIOD_MS old
    deviceTime += PERIOD_MS;
    clock.hostNow();
    clock.hostNow();
    expect(sent).toHaveLength(BURST + 1); // one, not one per read
    clock.disconnected();
    deviceTime += PERIOD_MS;
    clock.hostNow();
    expect(sent).toHaveLength(BURST + 1); // not while disconnected
  });

  it('reads the device clock until a pong carries the host time (a host without hostTime)', () => {
    const clock = new HostClock(() => 42);
    const sent: number[] = [];
    clock.connected((t) => sent.push(t) > 0);
    clock.pong({ t: sent[0]! });
    expect(clock.hostNow()).toBe(42);
    clock.disconnected();
  });
});
