/**
 * Incidents: a shift (scheduled in the scenario or injected by the facilitator) and the team's response to it.
 *
 * Owns: `openIncidents` (a shift whose day has come becomes an incident) and `trackIncidents` (after each day:
 * detection by the first alert or a declaration, impact and recovery from the hindsight cost, extra cost).
 * Time to detect = detectedDay − day; time to recover = recoveredDay − day.
 * Baseline: the mean cost per 1,000 rows over the 7 simulated days before the incident. Impact: the 3-day mean
 * rises above 1.25 × baseline; recovery: after an impact, the 3-day mean is back under 1.15 × baseline (the gap
 * keeps daily noise, about ±10% on 10,000 rows, from flapping between the two).
 */
import type { ActiveShift } from './generator';
import type { DayRecord, Incident } from './labTypes';

export const IMPACT_FACTOR = 1.25;
export const RECOVERY_FACTOR = 1.15;

export function openIncidents(incidents: readonly Incident[], shifts: readonly ActiveShift[], day: number): Incident[] {
  const opened = shifts.filter((s) => s.day === day);
  if (!opened.length) return incidents as Incident[];
  return [
    ...incidents,
    ...opened.map((shift, i) => ({
      id: incidents.length + i + 1,
      source: shift.injected ? ('facilitator' as const) : ('scheduled' as const),
      shift,
      day,
      detectedDay: null,
      detectedBy: null,
      impacted: false,
      recoveredDay: null,
      extraCost: 0,
      baselinePer1000: null,
    })),
  ];
}

function mean(xs: number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

export function trackIncidents(incidents: readonly Incident[], days: readonly DayRecord[], rec: DayRecord): Incident[] {
  return incidents.map((inc) => {
    if (inc.day > rec.day) return inc;
    const next = { ...inc };
    if (next.detectedDay === null && rec.alerts.length) {
      next.detectedDay = rec.day;
      next.detectedBy = rec.alerts[0]!.kind;
    }
    if (next.baselinePer1000 === null)
      next.baselinePer1000 = mean(days.filter((d) => d.day >= inc.day - 7 && d.day < inc.day).map((d) => d.truth.costPer1000));
    const base = next.baselinePer1000;
    if (base === null || next.recoveredDay !== null) return next;
    next.extraCost += rec.truth.cost - (base * rec.rows) / 1000;
    const recent = days.filter((d) => d.day >= inc.day && d.day > rec.day - 3 && d.day <= rec.day).map((d) => d.truth.costPer1000);
    const rolling = mean(recent) ?? 0;
    if (!next.impacted && rolling > IMPACT_FACTOR * base) next.impacted = true;
    else if (next.impacted && rolling <= RECOVERY_FACTOR * base) next.recoveredDay = rec.day;
    return next;
  });
}

/** A team declares an incident (DevOps-only teams find out this way): every open undetected incident is detected. */
export function declare(incidents: readonly Incident[], day: number): Incident[] {
  return incidents.map((inc) =>
    inc.detectedDay === null && inc.day <= day ? { ...inc, detectedDay: day, detectedBy: 'declared' as const } : inc,
  );
}
