/**
 * The phase clock, as pure functions over a plain state (stored in the session document, written by the
 * facilitator): start, pause for questions, resume, extend, reset, move between phases — and the carry-over of an
 * overrun into the plan ("Explore ran 8 min over: Elaborate now has 37 min").
 *
 * Times are milliseconds since the epoch on the HOST's clock, passed in by the caller (so the functions are
 * deterministic and every screen computes the same clock from the same state): screens pass `client.hostNow()`,
 * this device's estimate of the host's time (shared/sync/clockOffset.ts), never their own `Date.now()` — a device
 * whose clock is a minute off would otherwise show a countdown a minute off.
 *
 * Carry-over rule: an overrun of finished phases comes out of the phases still to come, starting with the one
 * with the most planned minutes (the later one on a tie, so the core Explain keeps its time before Elaborate does),
 * never below MIN_PHASE_MINUTES; an underrun gives the time back the same way.
 */
export interface PhasePlan {
  id: string;
  title: string;
  minutes: number;
}

export interface ClockState {
  phaseId: string | null;
  running: boolean;
  /** When the current running segment started (null while paused or stopped). */
  segmentStartedAt: number | null;
  /** Time already run in this phase before the current segment. */
  elapsedMs: number;
  /** Extra minutes the facilitator granted this phase. */
  extendedMinutes: number;
  /** Actual minutes of phases already left, by phase id. */
  actualMinutes: Record<string, number>;
}

export const MIN_PHASE_MINUTES = 5;

export function initialClock(): ClockState {
  return { phaseId: null, running: false, segmentStartedAt: null, elapsedMs: 0, extendedMinutes: 0, actualMinutes: {} };
}

export function elapsedMs(clock: ClockState, now: number): number {
  return clock.elapsedMs + (clock.running && clock.segmentStartedAt !== null ? Math.max(0, now - clock.segmentStartedAt) : 0);
}

export function start(clock: ClockState, now: number): ClockState {
  if (clock.running || clock.phaseId === null) return clock;
  return { ...clock, running: true, segmentStartedAt: now };
}

export function pause(clock: ClockState, now: number): ClockState {
  if (!clock.running) return clock;
  return { ...clock, running: false, segmentStartedAt: null, elapsedMs: elapsedMs(clock, now) };
}

export function extend(clock: ClockState, minutes: number): ClockState {
  return { ...clock, extendedMinutes: Math.max(0, clock.extendedMinutes + minutes) };
}

/** Restart the current phase's clock from zero (stopped). */
export function reset(clock: ClockState): ClockState {
  return { ...clock, running: false, segmentStartedAt: null, elapsedMs: 0, extendedMinutes: 0 };
}

/**
 * Move to another phase: the phase being left records its actual minutes (so the plan adjusts), the new phase
 * starts from zero, running if the clock was running.
 */
export function goToPhase(clock: ClockState, phaseId: string, now: number): ClockState {
  if (clock.phaseId === phaseId) return clock;
  const actualMinutes = { ...clock.actualMinutes };
  if (clock.phaseId !== null) {
    // Under a minute is a look-in (or a click-through), not a run: the plan keeps the phase's planned minutes.
    const ran = Math.round(elapsedMs(clock, now) / 60_000);
    if (ran >= 1) actualMinutes[clock.phaseId] = ran;
  }
  return {
    phaseId,
    running: clock.running,
    segmentStartedAt: clock.running ? now : null,
    elapsedMs: 0,
    extendedMinutes: 0,
    actualMinutes,
  };
}

export interface AdjustedPhase extends PhasePlan {
  /** Minutes now available for this phase after carry-over (actual minutes for phases already run). */
  adjustedMinutes: number;
  status: 'done' | 'current' | 'upcoming';
}

/** The plan after carry-over of finished phases' overruns (or underruns) into the phases still to come. */
export function adjustedPlan(plan: PhasePlan[], clock: ClockState): AdjustedPhase[] {
  const currentIndex = plan.findIndex((p) => p.id === clock.phaseId);
  const result: AdjustedPhase[] = plan.map((p, i) => {
    const done = currentIndex === -1 ? p.id in clock.actualMinutes : i < currentIndex;
    return { ...p, adjustedMinutes: done ? (clock.actualMinutes[p.id] ?? p.minutes) : p.minutes, status: done ? 'done' : i === currentIndex ? 'current' : 'upcoming' };
  });
  let delta = result.filter((p) => p.status === 'done').reduce((sum, p) => sum + p.adjustedMinutes - p.minutes, 0);
  const upcoming = result.filter((p) => p.status === 'upcoming').sort((a, b) => b.minutes - a.minutes || plan.findIndex((p) => p.id === b.id) - plan.findIndex((p) => p.id === a.id));
  for (const phase of upcoming) {
    if (delta === 0) break;
    if (delta > 0) {
      const take = Math.min(delta, Math.max(0, phase.adjustedMinutes - MIN_PHASE_MINUTES));
      phase.adjustedMinutes -= take;
      delta -= take;
    } else {
      phase.adjustedMinutes -= delta;
      delta = 0;
    }
  }
  return result;
}

export interface ClockReading {
  elapsedMs: number;
  /** Minutes available for the current phase (adjusted plan + extensions). */
  allowedMinutes: number;
  remainingMs: number;
  overtime: boolean;
}

export function readClock(plan: PhasePlan[], clock: ClockState, now: number): ClockReading {
  const current = adjustedPlan(plan, clock).find((p) => p.status === 'current');
  const allowedMinutes = (current?.adjustedMinutes ?? 0) + clock.extendedMinutes;
  const elapsed = elapsedMs(clock, now);
  const remainingMs = allowedMinutes * 60_000 - elapsed;
  return { elapsedMs: elapsed, allowedMinutes, remainingMs, overtime: remainingMs < 0 };
}

/** One sentence per phase whose time changed, e.g. "Explore ran 8 min over: Elaborate now has 37 min". */
export function carryOverNotes(plan: PhasePlan[], clock: ClockState): string[] {
  const adjusted = adjustedPlan(plan, clock);
  const notes: string[] = [];
  for (const done of adjusted.filter((p) => p.status === 'done' && p.adjustedMinutes !== p.minutes)) {
    const diff = done.adjustedMinutes - done.minutes;
    const changed = adjusted.filter((p) => p.status !== 'done' && p.adjustedMinutes !== p.minutes);
    const where = changed.map((p) => `${p.title} now has ${p.adjustedMinutes} min`).join(', ');
    notes.push(`${done.title} ran ${Math.abs(diff)} min ${diff > 0 ? 'over' : 'under'}${where ? `: ${where}` : ''}`);
  }
  return notes;
}

/** mm:ss (with a leading minus when over time). */
export function formatClock(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  return `${sign}${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
