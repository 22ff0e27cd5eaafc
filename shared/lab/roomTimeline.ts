/**
 * A team's lab in a room, as the engine's action list (issue 16, "In the room").
 *
 * Owns: `roomTimeline` — the team's stamped decisions (`team/<id>/lab`: `{ at: roomDay, action }`, appended by
 * every teammate, merged by Yjs) + the facilitator's incidents (session document) + the room's day → the ordered
 * action list `replay(scenario, seed, list)` folds. Pure and deterministic: every teammate's screen and the
 * projector derive the same list, hence the same lab.
 *
 * Order: day by day from 0 to the room day; on each day the facilitator's incidents first (in the session's
 * order), then the team's entries of that day (in the Y.Array's order), then `advance 1` to the next day. One day
 * per advance, so when the room day grows the new list EXTENDS the old one (the worker only appends). It does not
 * when a past-dated entry arrives (a teammate who was offline) or an incident is stamped on today after the team
 * acted today: then the list changes before its end and the worker replays (`isPrefix` tells which).
 *
 * Untrusted input, bounded work: malformed entries and incidents are skipped (the engine validates each action
 * again), days are clamped to [0, roomDay], and counts are capped so the list never exceeds LAB_LIMITS.maxActions.
 */
import { LAB_LIMITS } from './actions';

export interface TimelineIncident {
  id: string;
  day: number;
  kind: string;
  feature?: string;
  amount: number;
  rampDays?: number;
  note?: string;
}

/** Entries replayed at most: what is left of the engine's cap after every day's advance and every incident. */
export const MAX_TEAM_ENTRIES = LAB_LIMITS.maxActions - LAB_LIMITS.maxDay - LAB_LIMITS.maxInjectedShifts;

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const clampDay = (day: number, max: number): number => Math.min(Math.max(Math.floor(day), 0), max);

/** The room's day as a whole number in [0, LAB_LIMITS.maxDay] (0 for anything that is not a number). */
export function roomDayOf(raw: unknown): number {
  return isFiniteNumber(raw) ? clampDay(raw, LAB_LIMITS.maxDay) : 0;
}

/** The engine's `inject` action for one facilitator incident (fields the engine does not know are left out). */
function injectAction(inc: TimelineIncident, day: number): Record<string, unknown> {
  return {
    type: 'inject',
    day,
    kind: inc.kind,
    ...(typeof inc.feature === 'string' ? { feature: inc.feature } : {}),
    amount: inc.amount,
    ...(isFiniteNumber(inc.rampDays) ? { rampDays: inc.rampDays } : {}),
    ...(typeof inc.note === 'string' ? { note: inc.note } : {}),
  };
}

/**
 * `run`: the facilitator's lab run (session `lab.run`, bumped when the lab is restarted or its scenario changed):
 * entries stamped with another run (a missing stamp counts as run 0) belong to an earlier lab and are left out.
 */
export function roomTimeline(teamEntries: readonly unknown[], incidents: readonly unknown[], roomDay: unknown, run?: number): unknown[] {
  const today = roomDayOf(roomDay);
  const byDay = new Map<number, unknown[]>();
  const put = (day: number, action: unknown) => {
    const list = byDay.get(day);
    if (list) list.push(action);
    else byDay.set(day, [action]);
  };
  // Incidents first on their day; one scheduled after today has not happened yet.
  let taken = 0;
  for (const raw of Array.isArray(incidents) ? incidents.slice(0, LAB_LIMITS.maxInjectedShifts * 4) : []) {
    if (taken >= LAB_LIMITS.maxInjectedShifts) break;
    if (!isRecord(raw) || !isFiniteNumber(raw.day) || !isFiniteNumber(raw.amount) || typeof raw.kind !== 'string') continue;
    taken++;
    if (raw.day > today) continue;
    const day = clampDay(raw.day, today);
    put(day, injectAction(raw as unknown as TimelineIncident, day));
  }
  let kept = 0;
  for (const raw of Array.isArray(teamEntries) ? teamEntries.slice(0, MAX_TEAM_ENTRIES * 2) : []) {
    if (kept >= MAX_TEAM_ENTRIES) break;
    if (!isRecord(raw) || !isFiniteNumber(raw.at) || !isRecord(raw.action)) continue;
    if (run !== undefined && (isFiniteNumber(raw.run) ? raw.run : 0) !== run) continue;
    kept++;
    put(clampDay(raw.at, today), raw.action);
  }
  const out: unknown[] = [];
  for (let day = 0; day <= today; day++) {
    for (const action of byDay.get(day) ?? []) out.push(action);
    if (day < today) out.push({ type: 'advance', days: 1 });
  }
  return out;
}

/** Whether `prefix` is the start of `list` (actions compared as JSON): then the worker only appends the rest. */
export function isPrefix(prefix: readonly unknown[], list: readonly unknown[]): boolean {
  if (prefix.length > list.length) return false;
  for (let i = 0; i < prefix.length; i++) if (JSON.stringify(prefix[i]) !== JSON.stringify(list[i])) return false;
  return true;
}
