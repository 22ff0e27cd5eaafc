/**
 * One simulated production day: labels arrive, traffic is scored, monitoring looks at what was served.
 *
 * Owns: `simulateDay`, which (1) lets the labels of day D − delay arrive (feature store updated; live quality of
 * the model that served that day, when monitoring is on), (2) scores day D's traffic with the champion in the
 * served view, (3) computes the day's hindsight truth (cost, AUC) for the debrief, (4) with monitoring on,
 * per-feature PSI and KS of the served data against the champion's training reference, prediction drift and
 * quality alerts, (5) with validation on, a range/missing check per feature. A challenger in a canary or shadow
 * rollout (rollout.ts) scores beside the champion in step 2 and gets its own live quality in step 1.
 */
import { driftStats } from './drift';
import { bySubgroup, evaluate } from './metrics';
import { scoreColumns } from './model';
import { arriveLabels, batchFor, columnsFor, servedStoreFor, type Runtime } from './runtime';
import type { Alert, DayRecord, LabState, LiveQuality } from './labTypes';
import { challengerQuality, runRollout } from './rollout';

export function championRun(st: LabState): { version: number; runId: string } | null {
  const v = st.registry.versions.find((x) => x.version === st.registry.champion);
  return v ? { version: v.version, runId: v.runId } : null;
}

export function simulateDay(rt: Runtime, st: LabState): DayRecord {
  const s = rt.scenario;
  const D = st.day;
  const mon = s.monitoring;
  const alerts: Alert[] = [];
  const champ = championRun(st);

  // 1. Labels of an earlier day arrive.
  let live: LiveQuality | null = null;
  const labelled = D - s.labelDelayDays;
  if (labelled >= -s.historyDays) {
    const lb = arriveLabels(rt, labelled, D);
    const p = rt.pending.get(labelled);
    rt.pending.delete(labelled);
    if (p && p.version !== null && st.pipeline.steps.monitor) {
      const metrics = evaluate(p.scores, lb.label, st.threshold, s.costs, lb.n);
      const groups = s.subgroups?.groups ?? [];
      live = {
        forDay: labelled,
        version: p.version,
        metrics,
        subgroups: groups.length ? bySubgroup(p.scores, lb.label, lb.group, groups, st.threshold, s.costs, lb.n) : [],
        ...(p.challenger ? { challenger: challengerQuality(p.challenger, lb.label, st.threshold, s.costs) } : {}),
      };
      const v = st.registry.versions.find((x) => x.version === p.version);
      const trained = v && st.runs.find((r) => r.id === v.runId)?.metrics.auc;
      if (trained != null && metrics.auc !== null && metrics.auc < trained - mon.aucDropAlert) {
        alerts.push({
          day: D,
          kind: 'quality',
          value: metrics.auc,
          threshold: trained - mon.aucDropAlert,
          message: `Live AUC ${metrics.auc.toFixed(3)} on day ${labelled} is below the model's holdout AUC ${trained.toFixed(3)} − ${mon.aucDropAlert}`,
        });
      }
    }
  }

  // 2. Today's traffic, scored by the champion on what the online path serves.
  const b = batchFor(rt, D);
  servedStoreFor(rt, D);
  const model = champ ? rt.models.get(champ.runId) : undefined;
  const served = model ? columnsFor(rt, D, model.features, 'served', 'point-in-time') : [];
  const scores = model ? scoreColumns(model, served, b.n) : new Float64Array(b.n);
  // A canary's rows are decided by the challenger (scores overwritten); a shadow only scores beside.
  const rollout = model ? runRollout(rt, st, D, b.n, scores, st.threshold) : null;
  rt.pending.set(D, { scores, version: champ?.version ?? null, ...(rollout ? { challenger: rollout.pending } : {}) });
  let flagged = 0;
  let sum = 0;
  for (let i = 0; i < b.n; i++) {
    sum += scores[i]!;
    if (scores[i]! >= st.threshold) flagged++;
  }

  // 3. Hindsight truth.
  const truth = evaluate(scores, b.label, st.threshold, s.costs, b.n);

  // 4–5. Monitoring and validation against the champion's training reference.
  let drift: DayRecord['drift'] = null;
  let predictionPsi: number | null = null;
  const ref = champ ? rt.references.get(champ.runId) : undefined;
  if (ref && model) {
    if (st.pipeline.steps.monitor) {
      drift = ref.features.map((f, j) => ({ feature: f, ...driftStats(ref.profiles[j]!, served[j]!, b.n) }));
      for (const d of drift) {
        if (d.psi >= mon.psiAlert || d.ks >= mon.ksAlert) {
          alerts.push({
            day: D,
            kind: 'drift',
            feature: d.feature,
            value: d.psi,
            threshold: mon.psiAlert,
            message: `${d.feature}: PSI ${d.psi.toFixed(2)} (alert at ${mon.psiAlert}), KS ${d.ks.toFixed(2)} (alert at ${mon.ksAlert})`,
          });
        }
      }
      predictionPsi = driftStats(ref.prediction, scores, b.n).psi;
      if (predictionPsi >= mon.psiAlert)
        alerts.push({
          day: D,
          kind: 'prediction-drift',
          value: predictionPsi,
          threshold: mon.psiAlert,
          message: `Score distribution PSI ${predictionPsi.toFixed(2)} (alert at ${mon.psiAlert})`,
        });
    }
    if (st.pipeline.steps.validate) {
      ref.features.forEach((f, j) => {
        const col = served[j]!;
        let bad = 0;
        for (let i = 0; i < b.n; i++) {
          const v = col[i]!;
          if (!(v >= ref.lo[j]! && v <= ref.hi[j]!)) bad++;
        }
        const frac = bad / b.n;
        if (frac > mon.validationAlert)
          alerts.push({
            day: D,
            kind: 'validation',
            feature: f,
            value: frac,
            threshold: mon.validationAlert,
            message: `${f}: ${(frac * 100).toFixed(1)}% of values outside the training range or missing`,
          });
      });
    }
  }

  return {
    day: D,
    rows: b.n,
    champion: champ?.version ?? null,
    flagged,
    meanScore: b.n ? sum / b.n : 0,
    truth: { positives: truth.positives, auc: model ? truth.auc : null, cost: truth.cost, costPer1000: truth.costPer1000 },
    drift,
    predictionPsi,
    live,
    rollout: rollout?.record ?? null,
    alerts,
  };
}
