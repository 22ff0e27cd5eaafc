/**
 * A team's lab: the deterministic fold of `{ scenario, seed, actions[] }` into a `LabState`.
 *
 * Owns: `LabSession` (apply one untrusted action at a time: validate, cap, dispatch, never throw), `replay` (a
 * whole list), the action handlers (train, register, promote through the gate, rollback, pipeline settings,
 * advance days with continuous training, inject and fix incidents). The same inputs give the same state on every
 * device: no clock, no Math.random, no iteration over unordered data. Refused actions are kept in
 * `state.errors` with their index and a sentence, and change nothing else.
 */
import { LAB_LIMITS, parseAction, type LabAction } from './actions';
import type { ActiveShift } from './generator';
import { declare, openIncidents, trackIncidents } from './incidents';
import { levelPreset, type LabState } from './labTypes';
import type { ModelKind, ModelParams } from './model';
import { championRun, simulateDay } from './production';
import {
  archive,
  emptyRegistry,
  gateDecision,
  lineage,
  promote,
  recordRefusal,
  register,
  rollback,
  setChallenger,
  type FeatureJoin,
  type Lineage,
  type RegistryResult,
  type Trigger,
} from './registry';
import { explainRow } from './model';
import { arriveLabels, batchFor, columnsFor, createRuntime, servedStoreFor, type Runtime } from './runtime';
import { allFeatureIds, type Scenario } from './scenarioSchema';
import { evaluateOn, trainRun } from './training';
import { rolloutVerdict } from './rollout';

const MAX_ERRORS = 200;

export class LabSession {
  state: LabState;
  readonly scenario: Scenario;
  private readonly rt: Runtime;

  constructor(scenario: Scenario, seed: number) {
    this.scenario = scenario;
    this.state = {
      scenarioId: scenario.id,
      seed,
      day: 0,
      threshold: scenario.threshold,
      pipeline: { ...levelPreset(0), deployMode: 'direct' },
      runs: [],
      registry: emptyRegistry(),
      days: [],
      shifts: scenario.shifts.map((s) => ({ ...s })),
      incidents: [],
      errors: [],
      applied: 0,
      lastAutoTrainDay: null,
      totalCost: 0,
    };
    this.rt = createRuntime(
      scenario,
      seed,
      () => this.state.shifts,
      () => this.state.day,
    );
    // The labelled history: days −historyDays … −1 happened before the lab starts (no model served them). Before
    // it, one store window of earlier days only feeds the feature store, so its windowed count is already at its
    // steady level when the history starts (otherwise it would climb for weeks: drift by construction).
    const first = -scenario.historyDays - scenario.entity.storeFeature.windowDays;
    for (let d = first; d < 0; d++) {
      if (d - scenario.labelDelayDays >= first) arriveLabels(this.rt, d - scenario.labelDelayDays, d);
      batchFor(this.rt, d);
      if (d >= -scenario.historyDays) servedStoreFor(this.rt, d);
    }
  }

  /** The last day whose labels have arrived. */
  get lastLabelledDay(): number {
    return this.state.day - 1 - this.scenario.labelDelayDays;
  }

  /** Applies one untrusted action. Returns null, or the error sentence (also recorded in state.errors). */
  apply(raw: unknown): string | null {
    const index = this.state.applied;
    this.state = { ...this.state, applied: index + 1 };
    const error =
      index >= LAB_LIMITS.maxActions
        ? `The lab replays at most ${LAB_LIMITS.maxActions} actions; start a new lab to go on.`
        : this.dispatch(raw);
    if (error) this.state = { ...this.state, errors: [...this.state.errors, { index, message: error }].slice(-MAX_ERRORS) };
    return error;
  }

  lineage(version: number): Lineage | null {
    return lineage(this.state.registry, this.state.runs, version, this.scenario.id, this.state.seed);
  }

  /**
   * Why the model of `version` gave row `row` of day `day` its score (served view, as scored that day).
   * Null when the version, the day (not yet simulated) or the row does not exist.
   */
  explain(
    version: number,
    day: number,
    row: number,
  ): (ReturnType<typeof explainRow> & { features: { id: string; value: number }[] }) | null {
    const v = this.state.registry.versions.find((x) => x.version === version);
    const model = v && this.rt.models.get(v.runId);
    if (
      !model ||
      !Number.isInteger(day) ||
      day < -this.scenario.historyDays ||
      day >= this.state.day ||
      !Number.isInteger(row) ||
      row < 0 ||
      row >= this.scenario.rowsPerDay
    )
      return null;
    const cols = columnsFor(this.rt, day, model.features, 'served', 'point-in-time');
    const x = cols.map((c) => c[row]!);
    return { ...explainRow(model, x), features: model.features.map((id, j) => ({ id, value: x[j]! })) };
  }

  private dispatch(raw: unknown): string | null {
    const parsed = parseAction(raw);
    if (!parsed.ok) return parsed.error;
    const a = parsed.action;
    const st = this.state;
    switch (a.type) {
      case 'train':
        return this.train(a, 'manual');
      case 'register':
        return this.registry(
          register(st.registry, a.runId, st.day),
          !st.runs.some((r) => r.id === a.runId) ? `There is no ${a.runId}.` : null,
        );
      case 'promote':
        return this.promote(a.version);
      case 'challenger':
        return this.registry(setChallenger(st.registry, a.version, st.day));
      case 'rollback':
        return this.registry(rollback(st.registry, st.day));
      case 'archive':
        return this.registry(archive(st.registry, a.version, st.day));
      case 'setLevel':
        this.state = { ...st, pipeline: { ...levelPreset(a.level), deployMode: st.pipeline.deployMode } };
        return null;
      case 'setStep':
        if (a.step === 'ingest' && !a.on) return 'The ingest step cannot be switched off: without data there is no lab.';
        this.state = { ...st, pipeline: { ...st.pipeline, steps: { ...st.pipeline.steps, [a.step]: a.on } } };
        return null;
      case 'setTriggers':
        this.state = { ...st, pipeline: { ...st.pipeline, scheduleDays: a.scheduleDays, onDrift: a.onDrift } };
        return null;
      case 'setDeployMode':
        this.state = { ...st, pipeline: { ...st.pipeline, deployMode: a.mode } };
        return null;
      case 'setThreshold':
        this.state = { ...st, threshold: a.threshold };
        return null;
      case 'advance':
        return this.advance(a.days);
      case 'inject':
        return this.inject(a);
      case 'fixPipeline':
        return this.fixPipeline(a.feature);
      case 'declareIncident':
        this.state = { ...st, incidents: declare(st.incidents, st.day - 1) };
        return null;
    }
  }

  private registry(r: RegistryResult, pre: string | null = null): string | null {
    if (pre) return pre;
    if ('error' in r) return r.error;
    this.state = { ...this.state, registry: r.registry };
    return null;
  }

  private train(
    a: { model: ModelKind; features?: string[] | undefined; windowDays: number; params: ModelParams; join?: FeatureJoin | undefined },
    trigger: Trigger,
  ): string | null {
    const st = this.state;
    if (st.runs.length >= LAB_LIMITS.maxRuns) return `A lab holds at most ${LAB_LIMITS.maxRuns} runs.`;
    const all = allFeatureIds(this.scenario);
    const features = a.features ?? all;
    const unknown = features.filter((f) => !all.includes(f));
    if (unknown.length) return `Unknown feature ${unknown.map((f) => `"${f}"`).join(', ')}; this scenario has ${all.join(', ')}.`;
    if (new Set(features).size !== features.length) return 'Each feature may be listed once.';
    const to = this.lastLabelledDay;
    const from = to - a.windowDays;
    if (from < -this.scenario.historyDays)
      return `Only ${to + this.scenario.historyDays} labelled days are available before the holdout day; choose a window of at most that many days.`;
    const join = a.join ?? (st.pipeline.steps.features ? 'point-in-time' : 'latest');
    const id = `run-${st.runs.length + 1}`;
    const { run, model, reference } = trainRun(this.rt, {
      id,
      day: st.day,
      trigger,
      model: a.model,
      params: a.params,
      features,
      join,
      from,
      to,
      threshold: st.threshold,
    });
    this.rt.models.set(id, model);
    this.rt.references.set(id, reference);
    this.state = { ...st, runs: [...st.runs, run] };
    return null;
  }

  /** Evaluates candidate and champion on the latest labelled day, in the join the pipeline uses, then the gate. */
  private promote(version: number, automatic = false): string | null {
    const st = this.state;
    const v = st.registry.versions.find((x) => x.version === version);
    const model = v && this.rt.models.get(v.runId);
    if (!v || !model) return `There is no version ${version}; register a run first.`;
    const join: FeatureJoin = st.pipeline.steps.features ? 'point-in-time' : 'latest';
    const day = this.lastLabelledDay;
    const champ = championRun(st);
    const champModel = champ && champ.version !== version ? this.rt.models.get(champ.runId) : undefined;
    const gate =
      automatic && !st.pipeline.steps.evaluate
        ? { pass: true, checks: [{ name: 'evaluation skipped', pass: true, detail: 'the evaluate step is off' }] }
        : gateDecision(
            evaluateOn(this.rt, model, day, join, st.threshold),
            champModel ? evaluateOn(this.rt, champModel, day, join, st.threshold) : null,
            this.scenario.gate,
          );
    const r = promote(st.registry, version, gate, st.day);
    if ('error' in r) {
      this.state = { ...st, registry: recordRefusal(st.registry, version, r.error, st.day) };
      return r.error;
    }
    this.state = { ...st, registry: r.registry };
    return null;
  }

  private advance(days: number): string | null {
    if (this.state.day + days > LAB_LIMITS.maxDay)
      return `The simulation ends on day ${LAB_LIMITS.maxDay}; ${LAB_LIMITS.maxDay - this.state.day} days are left.`;
    for (let k = 0; k < days; k++) {
      let st = this.state;
      st = { ...st, incidents: openIncidents(st.incidents, st.shifts, st.day) };
      this.state = st;
      const rec = simulateDay(this.rt, st);
      const all = [...st.days, rec];
      this.state = {
        ...st,
        day: st.day + 1,
        days: all,
        incidents: trackIncidents(st.incidents, all, rec),
        totalCost: st.totalCost + rec.truth.cost,
      };
      this.automate(rec.day, rec.alerts.length > 0);
    }
    return null;
  }

  /** Continuous training: on schedule or on an alert, retrain like the champion, then register, gate, deploy. */
  private automate(day: number, alerted: boolean): void {
    this.watchRollout();
    const st = this.state;
    const p = st.pipeline;
    if (!p.steps.train) return;
    const scheduled = p.scheduleDays !== null && day > 0 && day % p.scheduleDays === 0;
    const onAlert = p.onDrift && alerted;
    if (!scheduled && !onAlert) return;
    if (st.lastAutoTrainDay !== null && day - st.lastAutoTrainDay < p.cooldownDays) return;
    const champ = championRun(st);
    const base = champ ? st.runs.find((r) => r.id === champ.runId) : undefined;
    this.state = { ...this.state, lastAutoTrainDay: day };
    const err = this.train(
      {
        model: base?.model ?? 'logistic',
        features: base?.features,
        windowDays: base ? base.window.to - base.window.from : 14,
        params: base?.params ?? {},
      },
      scheduled ? 'schedule' : 'drift',
    );
    if (err || !p.steps.register) return;
    const runId = this.state.runs[this.state.runs.length - 1]!.id;
    const reg = register(this.state.registry, runId, this.state.day);
    if ('error' in reg) return;
    this.state = { ...this.state, registry: reg.registry };
    // Direct: through the gate into production. Canary/shadow: the gate decides whether it may start a rollout.
    if (p.steps.deploy && p.deployMode === 'direct') {
      if (this.promote(reg.version, true) === null) return;
    }
    if (p.steps.deploy && p.deployMode !== 'direct' && !this.gatePasses(reg.version)) return;
    const ch = setChallenger(this.state.registry, reg.version, this.state.day);
    if (!('error' in ch)) this.state = { ...this.state, registry: ch.registry };
  }

  /** Whether `version` would pass the promotion gate now (recorded as a refusal when it would not). */
  private gatePasses(version: number): boolean {
    const st = this.state;
    const v = st.registry.versions.find((x) => x.version === version);
    const model = v && this.rt.models.get(v.runId);
    if (!model) return false;
    const join: FeatureJoin = st.pipeline.steps.features ? 'point-in-time' : 'latest';
    const champ = championRun(st);
    const champModel = champ ? this.rt.models.get(champ.runId) : undefined;
    const day = this.lastLabelledDay;
    const gate = st.pipeline.steps.evaluate
      ? gateDecision(
          evaluateOn(this.rt, model, day, join, st.threshold),
          champModel ? evaluateOn(this.rt, champModel, day, join, st.threshold) : null,
          this.scenario.gate,
        )
      : { pass: true, checks: [] };
    if (!gate.pass) {
      const why = gate.checks
        .filter((c) => !c.pass)
        .map((c) => c.detail)
        .join('; ');
      this.state = { ...st, registry: recordRefusal(st.registry, version, `not rolled out: ${why}`, st.day) };
    }
    return gate.pass;
  }

  /** Level 2 with a canary or shadow: after ROLLOUT_DAYS healthy days promote the challenger; stop a sick rollout. */
  private watchRollout(): void {
    const st = this.state;
    const ch = st.registry.challenger;
    if (!st.pipeline.steps.deploy || st.pipeline.deployMode === 'direct' || ch === null) return;
    const verdict = rolloutVerdict(st, ch);
    // A rollout that ends without a promotion (sick, or refused by the gate) is stopped: the challenger is archived.
    if (verdict === 'stop' || (verdict === 'promote' && this.promote(ch, true) !== null))
      this.registry(archive(this.state.registry, ch, this.state.day));
  }

  private inject(a: Extract<LabAction, { type: 'inject' }>): string | null {
    const st = this.state;
    const s = this.scenario;
    if (st.shifts.filter((x) => x.injected).length >= LAB_LIMITS.maxInjectedShifts)
      return `At most ${LAB_LIMITS.maxInjectedShifts} incidents can be injected into one lab.`;
    if (a.kind !== 'prior' && !s.features.some((f) => f.id === a.feature))
      return `A ${a.kind} incident names one of this scenario's features: ${s.features.map((f) => f.id).join(', ')}.`;
    if (a.kind === 'prior' && !(a.amount >= 0.05 && a.amount <= 20)) return 'A prior shift multiplies the odds by 0.05 … 20.';
    const shift: ActiveShift = {
      day: Math.max(a.day ?? st.day, st.day),
      kind: a.kind,
      amount: a.amount,
      rampDays: a.rampDays,
      injected: true,
      ...(a.feature && a.kind !== 'prior' ? { feature: a.feature } : {}),
      ...(a.note ? { note: a.note } : {}),
    };
    this.state = { ...st, shifts: [...st.shifts, shift] };
    return null;
  }

  private fixPipeline(feature: string): string | null {
    const st = this.state;
    let fixed = false;
    const shifts = st.shifts.map((s) => {
      if ((s.kind === 'pipelineBug' || s.kind === 'upstream') && s.feature === feature && s.day < st.day && s.until === undefined) {
        fixed = true;
        return { ...s, until: st.day };
      }
      return s;
    });
    if (!fixed) return `Nothing to fix on "${feature}": no feature-pipeline bug or upstream unit change is active on it.`;
    this.state = { ...st, shifts };
    return null;
  }
}

/** Replays a whole action list (untrusted) into a fresh session. */
export function replay(scenario: Scenario, seed: number, actions: readonly unknown[]): LabSession {
  const session = new LabSession(scenario, seed);
  const n = Math.min(actions.length, LAB_LIMITS.maxActions + 1);
  for (let i = 0; i < n; i++) session.apply(actions[i]);
  return session;
}
