/**
 * Experiment tracking and the model registry, as pure functions over plain data.
 *
 * Owns: the `Run` record (what MLflow logs: parameters, data window and version, feature set, feature join, code
 * version, metrics), `ModelVersion`, the `Registry` (versions, the champion/challenger aliases with stages derived
 * from them, the champion history that rollback pops, an event log), `gateDecision` (fixed thresholds AND no worse
 * than the champion on the same holdout), `register`, `promote`, `rollback`, `archive`, and `lineage`.
 * Every function returns a new registry or a `{ error }` with a sentence the learner can act on; nothing throws.
 */
import type { Metrics, SubgroupMetrics } from './metrics';
import type { ModelKind, ModelParams } from './model';
import type { Scenario } from './scenarioSchema';

export type Trigger = 'manual' | 'schedule' | 'drift';
export type FeatureJoin = 'point-in-time' | 'latest';

export interface Run {
  id: string;
  day: number;
  trigger: Trigger;
  model: ModelKind;
  params: ModelParams;
  features: string[];
  featureJoin: FeatureJoin;
  window: { from: number; to: number };
  holdoutDay: number;
  dataVersion: string;
  codeVersion: string;
  rows: number;
  metrics: Metrics;
  subgroups: SubgroupMetrics[];
  importance: { feature: string; importance: number }[];
}

export type Stage = 'none' | 'staging' | 'production' | 'archived';

export interface ModelVersion {
  version: number;
  runId: string;
  registeredDay: number;
  archived: boolean;
}

export interface RegistryEvent {
  day: number;
  kind: 'registered' | 'promoted' | 'challenger' | 'gate-refused' | 'rolled-back' | 'archived';
  version: number;
  detail?: string;
}

export interface Registry {
  versions: ModelVersion[];
  champion: number | null;
  challenger: number | null;
  /** Earlier champions, most recent last: what rollback returns to. */
  championHistory: number[];
  events: RegistryEvent[];
}

export const emptyRegistry = (): Registry => ({ versions: [], champion: null, challenger: null, championHistory: [], events: [] });

export function stageOf(r: Registry, version: number): Stage {
  const v = r.versions.find((x) => x.version === version);
  if (!v) return 'none';
  if (r.champion === version) return 'production';
  if (r.challenger === version) return 'staging';
  return v.archived ? 'archived' : 'none';
}

export interface GateCheck {
  name: string;
  pass: boolean;
  detail: string;
}

export interface GateResult {
  pass: boolean;
  checks: GateCheck[];
}

const f3 = (v: number | null): string => (v === null ? '—' : v.toFixed(3));

/** The promotion gate: fixed thresholds, and no worse than the champion evaluated on the same holdout. */
export function gateDecision(candidate: Metrics, champion: Metrics | null, gate: Scenario['gate']): GateResult {
  const checks: GateCheck[] = [];
  const auc = candidate.auc ?? 0;
  checks.push({ name: 'AUC ≥ minimum', pass: auc >= gate.minAuc, detail: `AUC ${f3(candidate.auc)} vs minimum ${f3(gate.minAuc)}` });
  checks.push({
    name: 'ECE ≤ maximum',
    pass: candidate.ece <= gate.maxEce,
    detail: `ECE ${f3(candidate.ece)} vs maximum ${f3(gate.maxEce)}`,
  });
  if (champion) {
    const cAuc = champion.auc ?? 0;
    checks.push({
      name: 'AUC no worse than champion',
      pass: auc >= cAuc - gate.aucTolerance,
      detail: `AUC ${f3(candidate.auc)} vs champion ${f3(champion.auc)} (tolerance ${gate.aucTolerance})`,
    });
    const limit = champion.costPer1000 * (1 + gate.costTolerance);
    checks.push({
      name: 'cost no worse than champion',
      pass: candidate.costPer1000 <= limit,
      detail: `cost/1000 ${candidate.costPer1000.toFixed(1)} vs champion ${champion.costPer1000.toFixed(1)} (+${gate.costTolerance * 100}%)`,
    });
  }
  return { pass: checks.every((c) => c.pass), checks };
}

export type RegistryResult = { registry: Registry; version: number } | { error: string };

export const MAX_VERSIONS = 100;

export function register(r: Registry, runId: string, day: number): RegistryResult {
  if (r.versions.length >= MAX_VERSIONS)
    return { error: `The registry holds at most ${MAX_VERSIONS} versions; archive is not deletion, so start a new lab to go on.` };
  const existing = r.versions.find((v) => v.runId === runId);
  if (existing) return { error: `Run ${runId} is already registered as version ${existing.version}.` };
  const version = r.versions.length + 1;
  return {
    version,
    registry: {
      ...r,
      versions: [...r.versions, { version, runId, registeredDay: day, archived: false }],
      events: [...r.events, { day, kind: 'registered', version, detail: runId }],
    },
  };
}

/** Makes `version` the challenger (no gate: it is only evaluated side by side). */
export function setChallenger(r: Registry, version: number, day: number): RegistryResult {
  const v = r.versions.find((x) => x.version === version);
  if (!v) return { error: `There is no version ${version}; register a run first.` };
  if (v.archived) return { error: `Version ${version} is archived; register its run again to use it.` };
  if (r.champion === version) return { error: `Version ${version} is already the champion.` };
  return { version, registry: { ...r, challenger: version, events: [...r.events, { day, kind: 'challenger', version }] } };
}

/** Promotes `version` to champion if the gate passed; the old champion goes on the history for rollback. */
export function promote(r: Registry, version: number, gate: GateResult, day: number): RegistryResult {
  const v = r.versions.find((x) => x.version === version);
  if (!v) return { error: `There is no version ${version}; register a run first.` };
  if (v.archived) return { error: `Version ${version} is archived; register its run again to use it.` };
  if (r.champion === version) return { error: `Version ${version} is already the champion.` };
  if (!gate.pass) {
    const failed = gate.checks
      .filter((c) => !c.pass)
      .map((c) => c.detail)
      .join('; ');
    return { error: `Version ${version} did not pass the promotion gate: ${failed}.` };
  }
  return {
    version,
    registry: {
      ...r,
      champion: version,
      challenger: r.challenger === version ? null : r.challenger,
      championHistory: r.champion === null ? r.championHistory : [...r.championHistory, r.champion],
      events: [...r.events, { day, kind: 'promoted', version, detail: gate.checks.map((c) => c.detail).join('; ') }],
    },
  };
}

/** Records a refused promotion (the registry is otherwise unchanged). */
export function recordRefusal(r: Registry, version: number, reason: string, day: number): Registry {
  return { ...r, events: [...r.events, { day, kind: 'gate-refused', version, detail: reason }] };
}

/** One-click rollback: the previous champion returns, the current one is archived. No gate (it is an emergency). */
export function rollback(r: Registry, day: number): RegistryResult {
  const prev = r.championHistory[r.championHistory.length - 1];
  if (prev === undefined || r.champion === null) return { error: 'There is no earlier champion to roll back to.' };
  const current = r.champion;
  return {
    version: prev,
    registry: {
      ...r,
      champion: prev,
      championHistory: r.championHistory.slice(0, -1),
      versions: r.versions.map((v) =>
        v.version === current ? { ...v, archived: true } : v.version === prev ? { ...v, archived: false } : v,
      ),
      events: [...r.events, { day, kind: 'rolled-back', version: prev, detail: `version ${current} archived` }],
    },
  };
}

export function archive(r: Registry, version: number, day: number): RegistryResult {
  const v = r.versions.find((x) => x.version === version);
  if (!v) return { error: `There is no version ${version}.` };
  if (r.champion === version) return { error: `Version ${version} is the champion; promote another version or roll back first.` };
  return {
    version,
    registry: {
      ...r,
      challenger: r.challenger === version ? null : r.challenger,
      versions: r.versions.map((x) => (x.version === version ? { ...x, archived: true } : x)),
      events: [...r.events, { day, kind: 'archived', version }],
    },
  };
}

export interface Lineage {
  version: number;
  stage: Stage;
  run: Run;
  data: { scenario: string; seed: number; window: { from: number; to: number }; holdoutDay: number; dataVersion: string };
  features: { ids: string[]; join: FeatureJoin };
  codeVersion: string;
}

export function lineage(r: Registry, runs: readonly Run[], version: number, scenario: string, seed: number): Lineage | null {
  const v = r.versions.find((x) => x.version === version);
  const run = v && runs.find((x) => x.id === v.runId);
  if (!v || !run) return null;
  return {
    version,
    stage: stageOf(r, version),
    run,
    data: { scenario, seed, window: run.window, holdoutDay: run.holdoutDay, dataVersion: run.dataVersion },
    features: { ids: run.features, join: run.featureJoin },
    codeVersion: run.codeVersion,
  };
}
