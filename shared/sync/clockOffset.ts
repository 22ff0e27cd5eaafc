/**
 * The host's clock as seen from this device, so every screen shows the same countdown whatever its own clock says.
 *
 * Owns: estimating the offset between this device's clock and the host's from ping/pong round trips (the ping
 * carries this device's send time `t`, the pong echoes it with the host's time `hostTime`), and pinging for it: a
 * short burst of round trips after each welcome, then one every PERIOD_MS.
 *
 * The estimate (Cristian's algorithm): a round trip sent at `sentAt` and answered at `receivedAt` (this device's
 * clock) saw the host at `hostTime` somewhere in between; assuming the midpoint, offset = hostTime − (sentAt + rtt/2),
 * wrong by at most rtt/2 however the delay splits between the two directions. So the sample with the smallest
 * round trip wins: a slow network, a busy host or a busy page only widen the round trip, never bias the best sample.
 * Only the newest KEEP samples count, so a changed host clock (or a restarted host on another machine) is followed.
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
    this.samples.push({ offsetMs: hostTime - (sentAt + rttMs / 2), rttMs });
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

/** Timers exist in every runtime this runs in (browser, Node) but not in shared/'s type environment. */
const timers = globalThis as unknown as { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };

/** Round trips measured one after the other right after a welcome. */
export const BURST = 5;
/** Then one round trip this often, to follow drift. */
export const PERIOD_MS = 30_000;

/** The room client's side of it: sends pings on a connection, takes the pongs, and answers "what time is it on the host". */
export class HostClock {
  readonly estimate = new ClockOffset();
  private send: ((t: number) => boolean) | null = null;
  /** Send times of the pings this connection has not had answered. */
  private readonly outstanding = new Set<number>();
  private burstLeft = 0;
  private timer: unknown = null;

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** The connection was welcomed: measure BURST round trips now, then one every PERIOD_MS. */
  connected(sendPing: (t: number) => boolean): void {
    this.disconnected();
    this.send = sendPing;
    this.burstLeft = BURST - 1;
    this.ping();
  }

  disconnected(): void {
    this.send = null;
    this.outstanding.clear();
    if (this.timer) timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** A pong from the host: a sample when it answers one of this connection's pings and carries the host's time. */
  pong(message: { t?: number; hostTime?: number }): void {
    const { t, hostTime } = message;
    if (typeof t !== 'number' || !this.outstanding.delete(t)) return;
    if (typeof hostTime === 'number') this.estimate.add({ sentAt: t, hostTime, receivedAt: this.now() });
    if (!this.send) return;
    if (this.burstLeft > 0) {
      this.burstLeft--;
      this.ping();
    } else if (!this.timer) {
      this.timer = timers.setTimeout(() => {
        this.timer = null;
        this.ping();
      }, PERIOD_MS);
    }
  }

  private ping(): void {
    if (!this.send) return;
    const t = this.now();
    this.outstanding.add(t);
    if (!this.send(t)) this.outstanding.delete(t);
  }

  /** The host's time now, as well as this device can tell (its own clock until the first round trip). */
  hostNow(): number {
    return this.estimate.hostNow(this.now());
  }
}
