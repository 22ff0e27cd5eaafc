/**
 * The projector's side of the lab in a room: every team's lab replayed side by side, for the live comparison.
 *
 * Owns: `createRoomReplays()` — one LabSession per team, kept between calls; a team whose new action list extends
 * the one it replayed gets only the new actions applied (the room day grows by one `advance` at a time:
 * roomTimeline.ts), any other change replays that team from the start — and `TeamResponse`, the small summary
 * per team the comparison shows (the facilitator's incidents with time to detect, time to recover, extra cost).
 * Pure (no worker API), so Node tests and the Web Worker (renderer/src/lab/roomLabWorker.ts) run the same code.
 */
import type { Incident } from './labTypes';
import { isPrefix } from './roomTimeline';
import type { Scenario } from './scenarioSchema';
import { LabSession } from './session';

export interface TeamTimeline {
  teamId: string;
  actions: unknown[];
}

export interface TeamResponse {
  teamId: string;
  /** The team's next simulated day (= the room day once caught up). */
  day: number;
  level: 0 | 1 | 2;
  champion: number | null;
  runs: number;
  automaticRuns: number;
  /** The facilitator's incidents as this team lived them. */
  incidents: Incident[];
  totalCost: number;
  /** Hindsight cost per 1,000 rows, day by day (the projector's chart). */
  costPer1000: number[];
}

interface Replayed {
  session: LabSession;
  actions: unknown[];
}

export function summarise(teamId: string, session: LabSession): TeamResponse {
  const st = session.state;
  return {
    teamId,
    day: st.day,
    level: st.pipeline.level,
    champion: st.registry.champion,
    runs: st.runs.length,
    automaticRuns: st.runs.filter((r) => r.trigger !== 'manual').length,
    incidents: st.incidents.filter((i) => i.source === 'facilitator'),
    totalCost: st.totalCost,
    costPer1000: st.days.map((d) => Math.round(d.truth.costPer1000 * 10) / 10),
  };
}

export function createRoomReplays(): (scenario: Scenario, seed: number, teams: readonly TeamTimeline[]) => TeamResponse[] {
  let key = '';
  let replays = new Map<string, Replayed>();
  return (scenario, seed, teams) => {
    const k = `${scenario.id}:${seed}`;
    if (k !== key) {
      key = k;
      replays = new Map();
    }
    const next = new Map<string, Replayed>();
    const out: TeamResponse[] = [];
    for (const team of teams.slice(0, 200)) {
      let r = replays.get(team.teamId);
      if (!r || !isPrefix(r.actions, team.actions)) r = { session: new LabSession(scenario, seed), actions: [] };
      for (let i = r.actions.length; i < team.actions.length; i++) r.session.apply(team.actions[i]);
      r.actions = team.actions.slice();
      next.set(team.teamId, r);
      out.push(summarise(team.teamId, r.session));
    }
    replays = next;
    return out;
  };
}
