import { describe, expect, it } from 'vitest';
import { loadLabScenario } from '../../tests/helpers/labScenarios';
import { createRoomReplays } from './roomReplays';
import { roomTimeline } from './roomTimeline';
import { replay } from './session';

const base = loadLabScenario('ecommerce-trellis');
const small = { ...base, rowsPerDay: 1000, entity: { ...base.entity, count: 3000 } };
const incident = { id: 'inc-1', day: 3, kind: 'upstream', feature: 'relative-price', amount: 100 };
const mlops = [
  { at: 0, action: { type: 'train' } },
  { at: 0, action: { type: 'register', runId: 'run-1' } },
  { at: 0, action: { type: 'promote', version: 1 } },
  { at: 1, action: { type: 'setLevel', level: 2 } },
];
const devops = mlops.slice(0, 3);

describe('every team replayed for the projector', { timeout: 120_000 }, () => {
  it('appends as the room day grows and gives what a full replay gives; a late entry replays that team', () => {
    const replays = createRoomReplays();
    let last = replays(small, 5, []);
    for (let day = 1; day <= 8; day++)
      last = replays(small, 5, [
        { teamId: 'team-1', actions: roomTimeline(mlops, [incident], day) },
        { teamId: 'team-2', actions: roomTimeline(devops, [incident], day) },
      ]);
    const full = replay(small, 5, roomTimeline(mlops, [incident], 8));
    expect(last[0]).toMatchObject({ teamId: 'team-1', day: 8, level: 2, champion: full.state.registry.champion, runs: full.state.runs.length });
    expect(last[0]!.incidents).toEqual(full.state.incidents.filter((i) => i.source === 'facilitator'));
    expect(last[0]!.incidents[0]).toMatchObject({ day: 3, detectedDay: 3 }); // monitoring sees the unit change at once
    expect(last[1]).toMatchObject({ teamId: 'team-2', day: 8, level: 0, automaticRuns: 0 });
    expect(last[1]!.incidents[0]!.detectedDay).toBeNull(); // no monitoring: nobody noticed
    // Team 2's offline teammate declared the incident on day 5: the list changes before its end, team 2 replays.
    const late = [...devops, { at: 5, action: { type: 'declareIncident' } }];
    const again = replays(small, 5, [
      { teamId: 'team-1', actions: roomTimeline(mlops, [incident], 8) },
      { teamId: 'team-2', actions: roomTimeline(late, [incident], 8) },
    ]);
    expect(again[1]!.incidents[0]).toMatchObject({ detectedDay: 4, detectedBy: 'declared' });
    expect(again[1]).toEqual({ ...again[1], ...{ teamId: 'team-2', day: 8 } });
    expect(again[1]!.incidents).toEqual(replay(small, 5, roomTimeline(late, [incident], 8)).state.incidents.filter((i) => i.source === 'facilitator'));
  });
});
