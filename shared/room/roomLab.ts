/**
 * The lab's room-wide state in the session document (key `lab` of the Y.Map 'state'; facilitator-written,
 * read by every screen): which scenario and seed every team plays, the room's simulated day and its clock, the
 * incidents the facilitator injected for every team, and whether the projector shows the teams' comparison.
 *
 * Owns: `RoomLab`, `parseRoomLab` (the document is untrusted: anything malformed becomes a safe default, lists are
 * bounded), and the clock's arithmetic (`labTick`: the facilitator's console advances `day` while running; two open
 * consoles do not double the speed because the tick is keyed on the shared `tickAt`), and `withIncident`.
 * The facilitator runs ONE clock for the room, so an injected incident hits every team on the same simulated day.
 */
import { LAB_LIMITS } from '../lab/actions';
import { SHIFT_KINDS, type ShiftKind } from '../lab/scenarioSchema';

export interface RoomLabIncident {
  id: string;
  day: number;
  kind: ShiftKind;
  feature?: string;
  amount: number;
  rampDays?: number;
  note?: string;
}

export interface RoomLab {
  /** null: the facilitator has not opened the lab for the room yet. */
  scenarioId: string | null;
  /** Bumped each time the facilitator (re)opens the lab: team entries of an earlier run are left out. */
  run: number;
  seed: number;
  /** The room's simulated day: every team's lab has simulated the days before it. */
  day: number;
  running: boolean;
  speedDaysPerMin: number;
  /** Host time of the last tick (the console's clock). */
  tickAt: number | null;
  incidents: RoomLabIncident[];
  /** The projector shows every team's response to the incidents. */
  project: boolean;
}

export const LAB_SPEEDS = [1, 2, 5, 10, 20, 30, 60] as const;
export const DEFAULT_LAB_SEED = 1;

export const EMPTY_ROOM_LAB: RoomLab = {
  scenarioId: null,
  run: 0,
  seed: DEFAULT_LAB_SEED,
  day: 0,
  running: false,
  speedDaysPerMin: 10,
  tickAt: null,
  incidents: [],
  project: false,
};

const ID = /^[a-z0-9][a-z0-9-]{0,79}$/;
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const int = (x: unknown, min: number, max: number): number | null =>
  typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max ? x : null;

function parseIncident(raw: unknown): RoomLabIncident | null {
  if (!isRecord(raw)) return null;
  const day = int(raw.day, 0, LAB_LIMITS.maxDay);
  const kind = SHIFT_KINDS.find((k) => k === raw.kind);
  const amount = typeof raw.amount === 'number' && Number.isFinite(raw.amount) && Math.abs(raw.amount) <= 1000 ? raw.amount : null;
  if (typeof raw.id !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(raw.id) || day === null || !kind || amount === null) return null;
  const rampDays = int(raw.rampDays, 0, 60);
  return {
    id: raw.id,
    day,
    kind,
    amount,
    ...(typeof raw.feature === 'string' && ID.test(raw.feature) ? { feature: raw.feature } : {}),
    ...(rampDays !== null ? { rampDays } : {}),
    ...(typeof raw.note === 'string' ? { note: raw.note.slice(0, 300) } : {}),
  };
}

/** The session document's `lab` entry, made safe: a missing or malformed field takes its default. */
export function parseRoomLab(raw: unknown): RoomLab {
  if (!isRecord(raw)) return EMPTY_ROOM_LAB;
  const speed = LAB_SPEEDS.find((s) => s === raw.speedDaysPerMin);
  const incidents = Array.isArray(raw.incidents)
    ? raw.incidents
        .slice(0, LAB_LIMITS.maxInjectedShifts)
        .map(parseIncident)
        .filter((i): i is RoomLabIncident => i !== null)
    : [];
  return {
    scenarioId: typeof raw.scenarioId === 'string' && ID.test(raw.scenarioId) ? raw.scenarioId : null,
    run: int(raw.run, 0, 1_000_000) ?? 0,
    seed: int(raw.seed, 0, 2 ** 31 - 1) ?? DEFAULT_LAB_SEED,
    day: int(raw.day, 0, LAB_LIMITS.maxDay) ?? 0,
    running: raw.running === true,
    speedDaysPerMin: speed ?? EMPTY_ROOM_LAB.speedDaysPerMin,
    tickAt: typeof raw.tickAt === 'number' && Number.isFinite(raw.tickAt) && raw.tickAt >= 0 ? raw.tickAt : null,
    incidents,
    project: raw.project === true,
  };
}

export function msPerDay(lab: RoomLab): number {
  return 60_000 / lab.speedDaysPerMin;
}

/**
 * The console's clock step at host time `now`: the next state when a day is due, else null. One day per call, so
 * a console that was away catches up a day per tick rather than skipping the days every team must simulate.
 */
export function labTick(lab: RoomLab, now: number): RoomLab | null {
  if (!lab.running || !lab.scenarioId) return null;
  if (lab.day >= LAB_LIMITS.maxDay) return { ...lab, running: false };
  if (lab.tickAt !== null && now - lab.tickAt < msPerDay(lab)) return null;
  return { ...lab, day: lab.day + 1, tickAt: now };
}

/** The facilitator injects an incident for every team, on `day` (today when omitted or past). */
export function withIncident(lab: RoomLab, incident: Omit<RoomLabIncident, 'id' | 'day'> & { day?: number }): RoomLab | string {
  if (lab.incidents.length >= LAB_LIMITS.maxInjectedShifts)
    return `A room's lab takes at most ${LAB_LIMITS.maxInjectedShifts} incidents; this one was not added.`;
  const day = Math.min(Math.max(incident.day ?? lab.day, lab.day), LAB_LIMITS.maxDay);
  const id = `inc-${lab.incidents.length + 1}`;
  return { ...lab, incidents: [...lab.incidents, { ...incident, id, day }] };
}
