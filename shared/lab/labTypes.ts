/**
 * The shape of a lab's derived state: what every screen reads.
 *
 * Owns: `LabState` and its parts (pipeline configuration, one record per simulated day, alerts, incidents,
 * live quality), plus the level presets. Plain data (numbers, strings, arrays): JSON-serialisable, so the
 * worker can post it to the UI as is. Heavy data (rows, models, scores) stays in the session's runtime.
 */
import type { DeployMode, PipelineStep } from './actions';
import type { ActiveShift } from './generator';
import type { Metrics, SubgroupMetrics } from './metrics';
import type { Registry, Run } from './registry';
import type { ChallengerQuality, RolloutDay } from './rollout';

export interface PipelineConfig {
  level: 0 | 1 | 2;
  steps: Record<PipelineStep, boolean>;
  /** Retrain every N days (null: never on a schedule). */
  scheduleDays: number | null;
  /** Retrain when a drift, validation or quality alert fires (continuous training). */
  onDrift: boolean;
  /** How a challenger meets traffic (shared/lab/rollout.ts): direct (none), canary (every 10th row), shadow (scored, not acted on). */
  deployMode: DeployMode;
  /** Minimum days between two automatic retrainings. */
  cooldownDays: number;
}

const ALL_OFF: Record<PipelineStep, boolean> = {
  ingest: true,
  validate: false,
  features: false,
  train: false,
  evaluate: false,
  register: false,
  deploy: false,
  monitor: false,
};

/**
 * Maturity levels (after Google's "MLOps: continuous delivery and automation pipelines in ML"):
 * 0 manual: notebooks, no monitoring, features joined by hand; 1 pipeline automation: validated data, the
 * feature store, train/evaluate/register on a schedule, monitoring, a human promotes; 2 automation end to end:
 * drift alerts trigger training and a model that passes the gate is deployed.
 */
export function levelPreset(level: 0 | 1 | 2): Omit<PipelineConfig, 'deployMode'> {
  if (level === 0) return { level, steps: { ...ALL_OFF }, scheduleDays: null, onDrift: false, cooldownDays: 7 };
  const steps = {
    ingest: true,
    validate: true,
    features: true,
    train: true,
    evaluate: true,
    register: true,
    deploy: level === 2,
    monitor: true,
  };
  return { level, steps, scheduleDays: level === 1 ? 14 : null, onDrift: level === 2, cooldownDays: 7 };
}

export type AlertKind = 'drift' | 'prediction-drift' | 'validation' | 'quality';

export interface Alert {
  day: number;
  kind: AlertKind;
  feature?: string;
  value: number;
  threshold: number;
  message: string;
}

export interface LiveQuality {
  /** The scored day whose labels arrived. */
  forDay: number;
  version: number | null;
  metrics: Metrics;
  subgroups: SubgroupMetrics[];
  /** The challenger in a canary or shadow rollout, on the rows it scored that day. */
  challenger?: ChallengerQuality;
}

export interface DayRecord {
  day: number;
  rows: number;
  champion: number | null;
  flagged: number;
  meanScore: number;
  /** Hindsight, from the generator's ground truth (the debrief's view; the team sees `live` only). */
  truth: { positives: number; auc: number | null; cost: number; costPer1000: number };
  /** PSI and KS per feature of the champion (served vs its training reference); null when not monitored. */
  drift: { feature: string; psi: number; ks: number }[] | null;
  predictionPsi: number | null;
  live: LiveQuality | null;
  /** The challenger's canary or shadow rollout that day (null in direct mode or without a challenger). */
  rollout: RolloutDay | null;
  alerts: Alert[];
}

export interface Incident {
  id: number;
  source: 'scheduled' | 'facilitator';
  shift: ActiveShift;
  day: number;
  detectedDay: number | null;
  detectedBy: AlertKind | 'declared' | null;
  /** Whether cost ever rose past the impact threshold, and when it came back. */
  impacted: boolean;
  recoveredDay: number | null;
  /** Extra cost since the incident began, against the week before. */
  extraCost: number;
  baselinePer1000: number | null;
}

export interface LabState {
  scenarioId: string;
  seed: number;
  /** The next day to simulate; days before it have happened. */
  day: number;
  threshold: number;
  pipeline: PipelineConfig;
  runs: Run[];
  registry: Registry;
  days: DayRecord[];
  shifts: ActiveShift[];
  incidents: Incident[];
  /** Refused actions, with their index in the list: shown, never fatal. */
  errors: { index: number; message: string }[];
  /** Actions applied so far (accepted or refused). */
  applied: number;
  lastAutoTrainDay: number | null;
  totalCost: number;
}
