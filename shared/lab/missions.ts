/**
 * The guided missions' completion checks, evaluated on a lab's state (the content is in content/missions/,
 * its schema in missionSchema.ts).
 *
 * Owns: `checkPasses(check, state)` — one named predicate, decided from `LabState` alone (runs, registry events,
 * pipeline, days, incidents), so every screen replaying the same action list shows the same ticks — and
 * `missionProgress` / `currentMission` for the panel. Pure.
 */
import type { LabState } from './labTypes';
import type { Mission, MissionCheck } from './missionSchema';
import { automatedCount } from './mlTestScoreLink';

export function checkPasses(check: MissionCheck, st: LabState): boolean {
  const events = st.registry.events;
  switch (check.kind) {
    case 'runsAtLeast':
      return st.runs.length >= check.n;
    case 'modelKindsCompared':
      return st.runs.some((r) => r.model === 'logistic') && st.runs.some((r) => r.model === 'tree');
    case 'joinsCompared':
      return st.runs.some((r) => r.featureJoin === 'latest') && st.runs.some((r) => r.featureJoin === 'point-in-time');
    case 'championSet':
      return st.registry.champion !== null;
    case 'daysAtLeast':
      return st.day >= check.n;
    case 'incidentOpened':
      return st.incidents.length > 0;
    case 'incidentInjected':
      return st.shifts.some((s) => s.injected === true);
    case 'levelAtLeast':
      return st.pipeline.level >= check.level;
    case 'monitoringOn':
      return st.pipeline.steps.monitor;
    case 'alertRaised':
      return st.days.some((d) => d.alerts.some((a) => check.alert === undefined || a.kind === check.alert));
    case 'gateRefused':
      return events.some((e) => e.kind === 'gate-refused');
    case 'promotedThroughGate': {
      // The first promotion has no champion to beat; a later one was compared with the champion it replaced.
      const promotions = events.filter((e) => e.kind === 'promoted');
      return promotions.length >= 2;
    }
    case 'rolledBack':
      return events.some((e) => e.kind === 'rolled-back');
    case 'autoDeployed':
      return events.some((e) => {
        if (e.kind !== 'promoted') return false;
        const v = st.registry.versions.find((x) => x.version === e.version);
        const run = v && st.runs.find((r) => r.id === v.runId);
        return run !== undefined && run.trigger !== 'manual';
      });
    case 'incidentDetected':
      return st.incidents.some((i) => i.detectedDay !== null && (check.by === 'any' || i.detectedBy !== 'declared'));
    case 'incidentRecovered':
      return st.incidents.some((i) => i.impacted && i.recoveredDay !== null);
    case 'liveSubgroups':
      return st.days.some((d) => (d.live?.subgroups.length ?? 0) > 0);
    case 'automatesAtLeast':
      return automatedCount(st) >= check.n;
  }
}

export interface MissionProgress {
  id: string;
  steps: boolean[];
  done: number;
  complete: boolean;
}

export function missionProgress(mission: Mission, st: LabState | null): MissionProgress {
  const steps = mission.steps.map((s) => (st ? checkPasses(s.check, st) : false));
  const done = steps.filter(Boolean).length;
  return { id: mission.id, steps, done, complete: done === steps.length };
}

/** The first mission not yet complete (the last one when all are), or null for an empty list. */
export function currentMission(missions: readonly Mission[], st: LabState | null): Mission | null {
  return missions.find((m) => !missionProgress(m, st).complete) ?? missions[missions.length - 1] ?? null;
}
