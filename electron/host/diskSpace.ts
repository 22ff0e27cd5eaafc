/**
 * Free disk space where the host keeps its data: checked at start and every minute (and again at once when a
 * write fails). Below `warnBelowMb` the host warns on stderr and the console shows it; below `refuseBelowMb` it
 * refuses NEW learners (people already in the session go on: their work is small, and refusing it would lose it).
 */
import { statfsSync, type StatsFs } from 'node:fs';
import { statfs } from 'node:fs/promises';

export interface DiskThresholds {
  /** Warn below this many MB free (default 500). */
  warnBelowMb: number;
  /** Refuse new learners below this many MB free (default 50). */
  refuseBelowMb: number;
}

export const DEFAULT_DISK_THRESHOLDS: DiskThresholds = { warnBelowMb: 500, refuseBelowMb: 50 };

export interface DiskState {
  freeMb: number | null;
  warnBelowMb: number;
  refuseBelowMb: number;
  low: boolean;
  refusingNewLearners: boolean;
}

export interface DiskMonitorOptions {
  intervalMs?: number;
  /** A reading older than this is refreshed (synchronously) before deciding whether to admit a new learner. */
  maxAgeMs?: number;
  report?: (message: string) => void;
  statfs?: (dir: string) => Promise<Pick<StatsFs, 'bavail' | 'bsize'>>;
  statfsSync?: (dir: string) => Pick<StatsFs, 'bavail' | 'bsize'>;
}

const MB = 1024 * 1024;
const REPEAT_WARNING_MS = 10 * 60_000;

export class DiskMonitor {
  private freeBytes: number | null = null;
  private readAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private warnedAt = 0;
  private readonly report: (message: string) => void;

  constructor(
    private readonly dir: string,
    readonly thresholds: DiskThresholds = DEFAULT_DISK_THRESHOLDS,
    private readonly options: DiskMonitorOptions = {},
  ) {
    this.report = options.report ?? ((message) => process.stderr.write(`host: ${message}\n`));
  }

  /** Checks now and then every minute (the timer does not keep the process alive). */
  start(): Promise<void> {
    if (!this.timer) {
      this.timer = setInterval(() => void this.check(), this.options.intervalMs ?? 60_000);
      this.timer.unref();
    }
    return this.check();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async check(): Promise<void> {
    try {
      this.record(await (this.options.statfs ?? statfs)(this.dir));
    } catch (error) {
      this.report(`cannot tell the free space of ${this.dir} (${(error as Error).message})`);
    }
  }

  get state(): DiskState {
    const freeMb = this.freeBytes === null ? null : Math.floor(this.freeBytes / MB);
    const below = (mb: number) => this.freeBytes !== null && this.freeBytes < mb * MB;
    return { freeMb, ...this.thresholds, low: below(this.thresholds.warnBelowMb), refusingNewLearners: below(this.thresholds.refuseBelowMb) };
  }

  /** Why a new learner cannot join now (too little space), or null. Reads the disk again if the last reading is old. */
  refusal(): string | null {
    if (Date.now() - this.readAt >= (this.options.maxAgeMs ?? 5000)) {
      try {
        this.record((this.options.statfsSync ?? statfsSync)(this.dir));
      } catch {
        // Keep the last reading.
      }
    }
    const state = this.state;
    if (!state.refusingNewLearners) return null;
    return `The host laptop is almost out of disk space (${state.freeMb} MB free), so it cannot take new participants now: ask the facilitator to free disk space on the host laptop. People already in the session can go on.`;
  }

  private record(stats: Pick<StatsFs, 'bavail' | 'bsize'>): void {
    const wasLow = this.state.low;
    this.freeBytes = Number(stats.bavail) * Number(stats.bsize);
    this.readAt = Date.now();
    const state = this.state;
    if (state.low && (!wasLow || Date.now() - this.warnedAt > REPEAT_WARNING_MS)) {
      this.warnedAt = Date.now();
      const refusing = state.refusingNewLearners ? `; below ${state.refuseBelowMb} MB new participants are refused` : '';
      this.report(`low disk space: ${state.freeMb} MB free in ${this.dir} (warning below ${state.warnBelowMb} MB${refusing}): free disk space on this laptop`);
    } else if (!state.low && wasLow) {
      this.report(`disk space is back: ${state.freeMb} MB free in ${this.dir}`);
    }
  }
}
