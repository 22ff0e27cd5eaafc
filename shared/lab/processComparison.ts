/**
 * DevOps-only vs MLOps on the same incident, side by side (issue 16 §8, for Explain and Evaluate).
 *
 * Owns: `compareProcesses`, which plays two teams through the same scenario, seed and incident and returns, per
 * team, the action list it produced, a per-day cost/quality series and each incident's time to detect, time to
 * recover and extra cost (from shared/lab/incidents.ts, so the numbers mean what the room's comparison means).
 *
 * - **DevOps-only** (maturity level 0): train, register and promote on day 0; no monitoring. Nobody looks at the
 *   model: the team declares an incident only when complaints arrive, `complaintDays` after the cost first rose
 *   past the impact threshold (a silent failure with no impact is never noticed). `fixDays` after declaring it,
 *   someone retrains by hand and promotes; a plumbing incident (upstream unit change, feature-pipeline bug) is
 *   fixed in the same change.
 * - **MLOps** (maturity level 2): the same first model; monitoring, validation, the feature store, continuous
 *   training on alerts through the promotion gate. An alert detects the incident; `fixDays` after it, the on-call
 *   engineer fixes a plumbing incident (retraining cannot fix training/serving skew); model incidents are left to
 *   continuous training.
 *
 * Both teams start from the same model (trained with the point-in-time join, so the comparison is about the
 * process, not about the feature-store leak). A given incident replaces the scenario's scheduled shifts, so the
 * two teams face one event; with none, the scenario's scheduled shifts play. Each team is driven one day at a
 * time (the rules look at the state); the actions it took are recorded, and `replay(scenario, seed, actions)`
 * gives the same state bit for bit. Pure: no clock, no randomness of its own.
 */
import { z } from 'zod';
import { idSchema } from '../content/fields';
import { LAB_LIMITS, type LabActionInput } from './actions';
import { IMPACT_FACTOR } from './incidents';
import type { Incident } from './labTypes';
import { SHIFT_KINDS, type Scenario } from './scenarioSchema';
import { LabSession } from './session';

export const comparisonOptionsSchema = z.strictObject({
  /** Days simulated (from day 0). Each day is 2 × rowsPerDay scored rows: 60 days of Paylark take ~4 s in Node. */
  horizon: z.number().int().min(7).max(120).default(60),
  /** The incident both teams face; null: the scenario's scheduled shifts. */
  incident: z
    .strictObject({
      day: z.number().int().min(1).max(LAB_LIMITS.maxDay),
      kind: z.enum(SHIFT_KINDS),
      feature: idSchema.optional(),
      amount: z.number().finite().min(-1000).max(1000),
      rampDays: z.number().int().min(0).max(60).default(0),
      note: z.string().max(300).optional(),
    })
    .nullable()
    .default(null),
  /** DevOps-only: days from the first impact to the complaints that make the team declare an incident. */
  complaintDays: z.number().int().min(0).max(60).default(7),
  /** Days from detection (a declaration or an alert) to the manual fix. */
  fixDays: z.number().int().min(0).max(60).default(3),
  model: z.enum(['logistic', 'tree']).default('logistic'),
});
export type ComparisonOptions = z.infer<typeof comparisonOptionsSchema>;
export type ComparisonOptionsInput = z.input<typeof comparisonOptionsSchema>;

export type ProcessKind = 'devops' | 'mlops';

export interface ProcessDay {
  day: number;
  /** Hindsight cost per 1,000 rows and AUC of the model that served the day. */
  costPer1000: number;
  auc: number | null;
  /** Cost so far, in the scenario's currency. */
  cumulativeCost: number;
  champion: number | null;
  alerts: number;
}

export interface ProcessIncident {
  id: number;
  kind: Incident['shift']['kind'];
  feature: string | null;
  note: string | null;
  day: number;
  impacted: boolean;
  detectedDay: number | null;
  detectedBy: Incident['detectedBy'];
  /** Time to detect / recover in days; null: not detected / not recovered within the horizon. */
  ttd: number | null;
  ttr: number | null;
  extraCost: number;
}

export interface ProcessEvent {
  day: number;
  text: string;
}

export interface ProcessRun {
  process: ProcessKind;
  title: string;
  actions: LabActionInput[];
  days: ProcessDay[];
  incidents: ProcessIncident[];
  events: ProcessEvent[];
  totalCost: number;
  /** Model versions deployed after day 0. */
  deployments: number;
  /** Actions the engine refused (a manual promotion refused by the gate, say). */
  refused: string[];
}

export interface ProcessComparison {
  scenarioId: string;
  seed: number;
  horizon: number;
  currency: string;
  options: ComparisonOptions;
  devops: ProcessRun;
  mlops: ProcessRun;
}

const PLUMBING = new Set(['upstream', 'pipelineBug']);

/** The scenario both teams play: with a given incident, the scheduled shifts are left out. */
function stage(scenario: Scenario, o: ComparisonOptions): { scenario: Scenario; start: LabActionInput[] } {
  if (!o.incident) return { scenario, start: [] };
  const { day, kind, feature, amount, rampDays, note } = o.incident;
  const inject: LabActionInput = {
    type: 'inject',
    day,
    kind,
    amount,
    rampDays,
    ...(feature ? { feature } : {}),
    ...(note ? { note } : {}),
  };
  return { scenario: { ...scenario, shifts: [] }, start: [inject] };
}

interface Driver {
  session: LabSession;
  actions: LabActionInput[];
  events: ProcessEvent[];
  refused: string[];
  /** Applies and records one action; `text` adds an event on the day it takes effect (the next day simulated). */
  apply(a: LabActionInput, text?: string): void;
}

function driver(scenario: Scenario, seed: number): Driver {
  const d: Driver = {
    session: new LabSession(scenario, seed),
    actions: [],
    events: [],
    refused: [],
    apply(a, text) {
      d.actions.push(a);
      const err = d.session.apply(a);
      if (err) d.refused.push(`day ${d.session.state.day}: ${err}`);
      if (text) d.events.push({ day: d.session.state.day, text: err ? `${text} — refused: ${err}` : text });
    },
  };
  return d;
}

function manualRetrain(d: Driver, o: ComparisonOptions, why: string): void {
  const n = d.session.state.runs.length + 1;
  d.apply({ type: 'train', model: o.model, join: 'point-in-time' });
  const reg = d.session.state.registry.versions.length + 1;
  d.apply({ type: 'register', runId: `run-${n}` });
  d.apply({ type: 'promote', version: reg }, `Retrained by hand (${why}) and promoted version ${reg}`);
}

function fixPlumbing(d: Driver, incidents: readonly Incident[]): void {
  for (const inc of incidents) {
    const s = inc.shift;
    if (PLUMBING.has(s.kind) && s.feature && s.until === undefined)
      d.apply(
        { type: 'fixPipeline', feature: s.feature },
        `Fixed the ${s.kind === 'upstream' ? 'unit conversion' : 'feature pipeline'} of "${s.feature}"`,
      );
  }
}

function openShifts(d: Driver): Incident[] {
  const st = d.session.state;
  // The incidents as the team's fix sees them: the live shift (with `until` once fixed), not the copy taken at opening.
  return st.incidents.map((inc) => ({
    ...inc,
    shift: st.shifts.find((s) => s.day === inc.shift.day && s.kind === inc.shift.kind && s.feature === inc.shift.feature) ?? inc.shift,
  }));
}

function playDevOps(scenario: Scenario, seed: number, o: ComparisonOptions): Driver {
  const staged = stage(scenario, o);
  const d = driver(staged.scenario, seed);
  for (const a of staged.start) d.apply(a);
  d.apply({ type: 'setLevel', level: 0 });
  d.apply({ type: 'train', model: o.model, join: 'point-in-time' });
  d.apply({ type: 'register', runId: 'run-1' });
  d.apply({ type: 'promote', version: 1 }, 'Trained, registered and promoted version 1 (no monitoring)');
  let declareOn: number | null = null;
  let fixOn: number | null = null;
  const noticed = new Set<number>();
  for (let day = 0; day < o.horizon; day++) {
    d.apply({ type: 'advance', days: 1 });
    const st = d.session.state;
    for (const inc of st.incidents) {
      if (inc.impacted && !noticed.has(inc.id) && inc.detectedDay === null) {
        noticed.add(inc.id);
        const impactDay = firstImpactDay(inc, st.days);
        const when = impactDay + o.complaintDays;
        declareOn = declareOn === null ? when : Math.min(declareOn, when);
      }
    }
    if (declareOn !== null && day >= declareOn) {
      d.apply({ type: 'declareIncident' });
      d.events.push({ day, text: 'Complaints arrive: the team declares an incident' });
      declareOn = null;
      fixOn = day + o.fixDays;
    }
    if (fixOn !== null && day >= fixOn) {
      fixPlumbing(d, openShifts(d));
      manualRetrain(d, o, 'after the complaints');
      fixOn = null;
    }
  }
  return d;
}

/** The day the incident's 3-day cost first passed the impact threshold (the state keeps only the flag). */
function firstImpactDay(inc: Incident, days: readonly { day: number; truth: { costPer1000: number } }[]): number {
  const base = inc.baselinePer1000 ?? 0;
  for (const rec of days) {
    if (rec.day < inc.day) continue;
    const recent = days.filter((x) => x.day >= inc.day && x.day > rec.day - 3 && x.day <= rec.day).map((x) => x.truth.costPer1000);
    const rolling = recent.reduce((a, b) => a + b, 0) / recent.length;
    if (rolling > IMPACT_FACTOR * base) return rec.day;
  }
  return days[days.length - 1]?.day ?? inc.day;
}

function playMlOps(scenario: Scenario, seed: number, o: ComparisonOptions): Driver {
  const staged = stage(scenario, o);
  const d = driver(staged.scenario, seed);
  for (const a of staged.start) d.apply(a);
  d.apply({ type: 'setLevel', level: 2 });
  d.apply({ type: 'train', model: o.model, join: 'point-in-time' });
  d.apply({ type: 'register', runId: 'run-1' });
  d.apply({ type: 'promote', version: 1 }, 'Trained, registered and promoted version 1; monitoring and continuous training on');
  const handled = new Set<number>();
  const fixes: { id: number; on: number }[] = [];
  for (let day = 0; day < o.horizon; day++) {
    d.apply({ type: 'advance', days: 1 });
    const st = d.session.state;
    for (const inc of st.incidents) {
      if (inc.detectedDay !== null && !handled.has(inc.id)) {
        handled.add(inc.id);
        d.events.push({ day: inc.detectedDay, text: `Alert (${inc.detectedBy}): the on-call engineer is paged` });
        if (PLUMBING.has(inc.shift.kind)) fixes.push({ id: inc.id, on: inc.detectedDay + o.fixDays });
      }
    }
    const due = fixes.filter((f) => f.on <= day);
    if (due.length) {
      fixPlumbing(
        d,
        openShifts(d).filter((inc) => due.some((f) => f.id === inc.id)),
      );
      for (const f of due) fixes.splice(fixes.indexOf(f), 1);
    }
  }
  return d;
}

function summarise(process: ProcessKind, d: Driver): ProcessRun {
  const st = d.session.state;
  let cumulative = 0;
  const days = st.days.map((r) => {
    cumulative += r.truth.cost;
    return {
      day: r.day,
      costPer1000: r.truth.costPer1000,
      auc: r.truth.auc,
      cumulativeCost: cumulative,
      champion: r.champion,
      alerts: r.alerts.length,
    };
  });
  const events = [...d.events];
  for (const e of st.registry.events) {
    if (e.day > 0 && e.kind === 'promoted' && !events.some((x) => x.day === e.day && x.text.includes(`version ${e.version}`)))
      events.push({ day: e.day, text: `Continuous training deployed version ${e.version} through the gate` });
    if (e.day > 0 && e.kind === 'gate-refused' && process === 'mlops')
      events.push({ day: e.day, text: `The gate refused version ${e.version}` });
  }
  events.sort((a, b) => a.day - b.day);
  return {
    process,
    title:
      process === 'devops'
        ? 'DevOps-only (level 0: no monitoring, manual retraining)'
        : 'MLOps (level 2: monitoring, continuous training, gate)',
    actions: compact(d.actions),
    days,
    incidents: st.incidents.map((inc) => ({
      id: inc.id,
      kind: inc.shift.kind,
      feature: inc.shift.feature ?? null,
      note: inc.shift.note ?? null,
      day: inc.day,
      impacted: inc.impacted,
      detectedDay: inc.detectedDay,
      detectedBy: inc.detectedBy,
      ttd: inc.detectedDay === null ? null : inc.detectedDay - inc.day,
      ttr: inc.recoveredDay === null ? null : inc.recoveredDay - inc.day,
      extraCost: inc.extraCost,
    })),
    events,
    totalCost: st.totalCost,
    deployments: st.registry.events.filter((e) => e.kind === 'promoted' && e.version !== 1).length,
    refused: d.refused,
  };
}

/** Merges consecutive one-day advances (at most 30 days each) so the list stays short; the state is the same. */
function compact(actions: readonly LabActionInput[]): LabActionInput[] {
  const out: LabActionInput[] = [];
  for (const a of actions) {
    const last = out[out.length - 1];
    if (a.type === 'advance' && last?.type === 'advance' && last.days + a.days <= LAB_LIMITS.maxDaysPerAdvance)
      out[out.length - 1] = { type: 'advance', days: last.days + a.days };
    else out.push(a);
  }
  return out;
}

/** Plays both processes; throws only on invalid options (the worker turns that into an error message). */
export function compareProcesses(scenario: Scenario, seed: number, options: ComparisonOptionsInput = {}): ProcessComparison {
  const o = comparisonOptionsSchema.parse(options);
  if (o.incident && o.incident.kind !== 'prior' && !scenario.features.some((f) => f.id === o.incident!.feature))
    throw new Error(
      `A ${o.incident.kind} incident names one of this scenario's features: ${scenario.features.map((f) => f.id).join(', ')}.`,
    );
  return {
    scenarioId: scenario.id,
    seed,
    horizon: o.horizon,
    currency: scenario.costs.currency,
    options: o,
    devops: summarise('devops', playDevOps(scenario, seed, o)),
    mlops: summarise('mlops', playMlOps(scenario, seed, o)),
  };
}
