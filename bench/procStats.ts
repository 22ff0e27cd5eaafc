/**
 * What a server process costs, read from Linux's /proc the way `top` does: CPU time (utime + stime of the whole
 * process, every thread) as a percentage of one core over a window, and resident memory (VmRSS) sampled every
 * second, keeping the maximum.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | null = null;

/** The kernel's clock ticks per second (USER_HZ, nearly always 100). */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime and stime of a process (every thread), in clock ticks; null when the process is gone. */
export function cpuTimes(pid: number): { user: number; system: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (comm) may hold spaces: count the fields after its closing parenthesis. Field 3 (state) is first.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const user = Number(fields[14 - 3]);
    const system = Number(fields[15 - 3]);
    return Number.isFinite(user) && Number.isFinite(system) ? { user, system } : null;
  } catch {
    return null;
  }
}

/** Resident set size in MB (VmRSS); null when the process is gone. */
export function rssMb(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every second (max kept) and measures its CPU over a window marked by the caller. */
export class ProcessSampler {
  maxRssMb = 0;
  private timer: NodeJS.Timeout | null = null;
  private windowStart: { user: number; system: number; at: number } | null = null;
  private windowEnd: { user: number; system: number; at: number } | null = null;

  constructor(readonly pid: number) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), 1000);
  }

  sample(): void {
    const rss = rssMb(this.pid);
    if (rss !== null) this.maxRssMb = Math.max(this.maxRssMb, rss);
  }

  markWindowStart(): void {
    this.windowStart = { ...(cpuTimes(this.pid) ?? { user: 0, system: 0 }), at: performance.now() };
  }

  markWindowEnd(): void {
    this.sample();
    this.windowEnd = { ...(cpuTimes(this.pid) ?? { user: 0, system: 0 }), at: performance.now() };
  }

  /** CPU used in the window as a percentage of one core: user + system, and each. */
  cpuPct(): { total: number; user: number; system: number } {
    const none = { total: Number.NaN, user: Number.NaN, system: Number.NaN };
    if (!this.windowStart || !this.windowEnd) return none;
    const seconds = (this.windowEnd.at - this.windowStart.at) / 1000;
    if (seconds <= 0) return none;
    const pct = (ticks: number) => (ticks / clockTicksPerSecond() / seconds) * 100;
    const user = pct(this.windowEnd.user - this.windowStart.user);
    const system = pct(this.windowEnd.system - this.windowStart.system);
    return { total: user + system, user, system };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
