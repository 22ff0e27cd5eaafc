/**
 * The host's clock as seen from this device, so every screen shows the same countdown whatever its own clock says.
 *
 * Owns: estimating the offset between this device's clock and the host's from ping/pong round trips (the ping
 * carries this device's send time `t`, the pong echoes it with the host's time `hostTime`), and pinging for it: a
 * short burst of round trips after each welcome (each ping sent when the previous pong arrives), then one more
 * whenever the time is read and the last round trip is over PERIOD_MS old. No timer: a client nobody reads the time
 * from (a test, a benchmark) pings only after its welcome, and a deterministic simulation stays quiet.
 *
 * The estimate (Cristian's algorithm): a round trip sent at `sentAt` and answered at `receivedAt` (this device's
 * clock) saw the host at `hostTime` somewhere in between; assuming the midpoint, offset = hostTime − (sentAt + rtt/2),
 * wrong by at most rtt/2 however the delay splits between the two directions. So the sample with the smallest
 * round trip wins: a slow network, a busy host or a busy page only widen the round trip, never bias the best sample.
 * Only the newest KEEP samples count; and two honest samples always overlap (each says the offset lies within its
 * ±rtt/2), so a sample that does not overlap the best one means a clock was set meanwhile (this device's, or a
 * restarted host's): the older samples are dropped and the estimate follows at once.
 */

export interface ClockSample {
  /** This device's time when the ping was sent. */
  sentAt: number;
  /** The host's time when it answered. */
  hostTime: number;
  /** This device's time when the pong arrived. */
  receivedAt: number;
}

export interface OffsetEstimate {
  /** Add to this device's time to get the host's. */
  offsetMs: number;
  /** The round trip of the sample it comes from: the estimate is within ±rttMs/2. */
  rttMs: number;
}

export const KEEP = 16;

/** The offset estimator: pure, fed with samples. */
export class ClockOffset {
  private readonly samples: OffsetEstimate[] = [];

  constructor(private readonly keep = KEEP) {}

  /** Adds one round trip; false (ignored) when it is not a possible one (negative, or not finite). */
  add({ sentAt, hostTime, receivedAt }: ClockSample): boolean {
    const rttMs = receivedAt - sentAt;
    if (![sentAt, hostTime, receivedAt].every(Number.isFinite) || rttMs < 0) return false;
    const sample = { offsetMs: hostTime - (sentAt + rttMs / 2), rttMs };
    const best = this.best;
    // 1 ms of slack: the clocks read whole milliseconds.
    if (best && Math.abs(sample.offsetMs - best.offsetMs) > (sample.rttMs + best.rttMs) / 2 + 1) this.samples.length = 0;
    this.samples.push(sample);
    if (this.samples.length > this.keep) this.samples.shift();
    return true;
  }

  /** The minimum-round-trip sample among the newest ones, or null before the first. */
  get best(): OffsetEstimate | null {
    let best: OffsetEstimate | null = null;
    for (const s of this.samples) if (!best || s.rttMs < best.rttMs) best = s;
    return best;
  }

  /** Milliseconds to add to this device's time to get the host's (0 until a round trip has been measured). */
  get offsetMs(): number {
    return this.best?.offsetMs ?? 0;
  }

  hostNow(localNow: number): number {
    return localNow + this.offsetMs;
  }
}

/** Round trips measured one after the other right after a welcome. */
export const BURST = 5;
/** Then a round trip when the time is read and the last one is older than this (drift, a clock set meanwhile). */
export const PERIOD_MS = 30_000;

/** The room client's side of it: sends pings on a connection, takes the pongs, and answers "what time is it on the host". */
export class HostClock {
  readonly estimate = new ClockOffset();
  private send: ((t: number) => boolean) | null = null;
  /** Send times of the pings this connection has not had answered. */
  private readonly outstanding = new Set<number>();
  private burstLeft = 0;
  private lastPingAt = 0;

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** The connection was welcomed: measure BURST round trips now, one after the other. */
  connected(sendPing: (t: number) => boolean): void {
    this.outstanding.clear();
    this.send = sendPing;
    this.burstLeft = BURST - 1;
    this.ping();
  }

  disconnected(): void {
    this.send = null;
    this.outstanding.clear();
  }

  /** A pong from the host: a sample when it answers one of this connection's pings and carries the host's time. */
  pong(message: { t?: number; hostTime?: number }): void {
    const { t, hostTime } = message;
    if (typeof t !== 'number' || !this.outstanding.delete(t)) return;
    if (typeof hostTime === 'number') this.estimate.add({ sentAt: t, hostTime, receivedAt: this.now() });
    if (this.send && this.burstLeft > 0) {
      this.burstLeft--;
      this.ping();
    }
  }

  private ping(): void {
    if (!this.send) return;
    const t = this.now();
    this.lastPingAt = t;
    this.outstanding.add(t);
    if (!this.send(t)) this.outstanding.delete(t);
  }

  /** The host's time now, as well as this device can tell (its own clock until the first round trip). */
  hostNow(): number {
    const now = this.now();
    // Measure again now and then while someone reads the time (abs: this device's clock may have been set back).
    if (this.send && this.outstanding.size === 0 && Math.abs(now - this.lastPingAt) >= PERIOD_MS) this.ping();
    return this.estimate.hostNow(now);
  }
}
