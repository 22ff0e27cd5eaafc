import { describe, expect, it } from 'vitest';
import { LAB_LIMITS } from '../lab/actions';
import { EMPTY_ROOM_LAB, labTick, parseRoomLab, withIncident } from './roomLab';

const good = {
  scenarioId: 'fraud-paylark',
  run: 2,
  seed: 7,
  day: 12,
  running: true,
  speedDaysPerMin: 30,
  tickAt: 1000,
  incidents: [{ id: 'inc-1', day: 10, kind: 'upstream', feature: 'amount', amount: 100, rampDays: 0, note: 'cents' }],
  project: true,
};

describe('the session document’s lab state', () => {
  it('reads a well-formed entry as is', () => {
    expect(parseRoomLab(good)).toEqual(good);
  });

  it('turns garbage into safe defaults, field by field', () => {
    for (const raw of [undefined, null, 42, 'lab', [], [good]]) expect(parseRoomLab(raw)).toEqual(EMPTY_ROOM_LAB);
    const bad = parseRoomLab({
      scenarioId: '../../etc/passwd',
      run: -1,
      seed: 1.5,
      day: 1e9,
      running: 'yes',
      speedDaysPerMin: 1e6,
      tickAt: -4,
      incidents: [null, { id: 'x', day: 3, kind: 'meteor', amount: 1 }, { id: 'y', day: 3, kind: 'prior', amount: Infinity }, { id: 'z<script>', day: 1, kind: 'prior', amount: 2 }, { id: 'ok', day: 3, kind: 'prior', amount: 2, feature: 'Not An Id', rampDays: 99, note: 'n'.repeat(5000) }],
      project: 1,
    });
    expect(bad).toEqual({ ...EMPTY_ROOM_LAB, incidents: [{ id: 'ok', day: 3, kind: 'prior', amount: 2, note: 'n'.repeat(300) }] });
    const many = parseRoomLab({ ...good, incidents: Array.from({ length: 10_000 }, (_, i) => ({ ...good.incidents[0], id: `i${i}` })) });
    expect(many.incidents).toHaveLength(LAB_LIMITS.maxInjectedShifts);
  });

  it('the clock advances one day per interval, from the shared tick (two consoles do not double it)', () => {
    const lab = parseRoomLab(good); // 30 days a minute: a day every 2 s
    expect(labTick(lab, 2999)).toBeNull();
    const next = labTick(lab, 3000)!;
    expect(next).toMatchObject({ day: 13, tickAt: 3000 });
    expect(labTick(next, 3500)).toBeNull(); // the second console sees the first one's tick
    expect(labTick({ ...lab, running: false }, 1e9)).toBeNull();
    expect(labTick({ ...lab, scenarioId: null }, 1e9)).toBeNull();
    expect(labTick({ ...lab, day: LAB_LIMITS.maxDay }, 1e9)).toMatchObject({ running: false, day: LAB_LIMITS.maxDay });
  });

  it('injects an incident today (or on a chosen later day), up to the cap', () => {
    const lab = parseRoomLab(good);
    const now = withIncident(lab, { kind: 'covariate', feature: 'amount', amount: 2, day: 3 });
    expect(typeof now !== 'string' && now.incidents.at(-1)).toEqual({ id: 'inc-2', kind: 'covariate', feature: 'amount', amount: 2, day: 12 });
    const later = withIncident(lab, { kind: 'prior', amount: 2, day: 20 });
    expect(typeof later !== 'string' && later.incidents.at(-1)!.day).toBe(20);
    let full: ReturnType<typeof withIncident> = { ...lab, incidents: [] };
    for (let i = 0; i < LAB_LIMITS.maxInjectedShifts; i++) full = withIncident(full as typeof lab, { kind: 'prior', amount: 2 });
    expect(withIncident(full as typeof lab, { kind: 'prior', amount: 2 })).toMatch(/at most 20 incidents/);
  });
});
