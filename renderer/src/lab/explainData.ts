/**
 * Owns: the explain view's data shaping — global importance rows with the scenario's feature labels, one
 * prediction's waterfall (base, each contribution as a floating step, the final value; feature values with units),
 * and quality by subgroup: the champion's holdout metrics beside live metrics pooled over the last days whose
 * labels arrived. Pure: no React, no recharts.
 */
import type { DayRecord } from '../../../shared/lab/labTypes';
import type { Metrics, SubgroupMetrics } from '../../../shared/lab/metrics';
import type { Run } from '../../../shared/lab/registry';
import type { Scenario } from '../../../shared/lab/scenarioSchema';
import type { Explanation } from './labApi';
import { featureLabel } from './pipelineStepDetails';

export function featureUnit(scenario: Scenario, id: string): string {
  if (id === scenario.entity.storeFeature.id) return 'count';
  return scenario.features.find((f) => f.id === id)?.unit ?? '';
}

export function importanceRows(run: Run, scenario: Scenario): { feature: string; label: string; value: number }[] {
  return [...run.importance]
    .sort((a, b) => b.importance - a.importance || a.feature.localeCompare(b.feature))
    .map((i) => ({ feature: i.feature, label: featureLabel(scenario, i.feature), value: i.importance * 100 }));
}

export interface WaterfallStep {
  key: string;
  label: string;
  /** The feature's value as served, with its unit ('' for base and final). */
  value: string;
  contribution: number;
  /** Running total before and after this step, on the explanation's scale. */
  from: number;
  to: number;
  kind: 'base' | 'up' | 'down' | 'final';
}

function formatValue(v: number, unit: string, binary: boolean): string {
  if (!Number.isFinite(v)) return 'missing';
  if (binary) return v >= 0.5 ? 'yes' : 'no';
  if (unit === 'count') return v.toFixed(0);
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  const n = v.toFixed(digits);
  if (!unit) return n;
  return unit === '%' || unit === '×' || unit === '°C' || unit.startsWith('/') ? `${n}${unit === '×' ? ' ×' : unit}` : `${n} ${unit}`;
}

/**
 * The waterfall of one explanation: base, then the contributions largest |value| first, then the final value.
 * Logistic explanations are on the log-odds scale (final = logit(score)); tree ones on the probability scale.
 */
export function waterfall(e: NonNullable<Explanation>, scenario: Scenario): WaterfallStep[] {
  const steps: WaterfallStep[] = [
    { key: 'base', label: 'Base (average case)', value: '', contribution: e.base, from: 0, to: e.base, kind: 'base' },
  ];
  const values = new Map(e.features.map((f) => [f.id, f.value]));
  let total = e.base;
  const sorted = [...e.contributions].sort(
    (a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.feature.localeCompare(b.feature),
  );
  for (const c of sorted) {
    const from = total;
    total += c.contribution;
    steps.push({
      key: c.feature,
      label: featureLabel(scenario, c.feature),
      value: formatValue(
        values.get(c.feature) ?? NaN,
        featureUnit(scenario, c.feature),
        scenario.features.some((f) => f.id === c.feature && f.dist === 'bernoulli'),
      ),
      contribution: c.contribution,
      from,
      to: total,
      kind: c.contribution >= 0 ? 'up' : 'down',
    });
  }
  steps.push({
    key: 'final',
    label: e.scale === 'log-odds' ? 'Final (log-odds)' : 'Final score',
    value: '',
    contribution: total,
    from: 0,
    to: total,
    kind: 'final',
  });
  return steps;
}

export interface SubgroupRow {
  group: string;
  label: string;
  holdout: Pick<Metrics, 'auc' | 'precision' | 'recall' | 'n' | 'positives'> | null;
  live: { auc: number | null; precision: number | null; recall: number | null; n: number; positives: number; days: number } | null;
}

/**
 * Quality per subgroup: the run's holdout metrics and live metrics pooled over the last `lastDays` labelled days
 * (confusion counts summed, so precision and recall are exact over the pool; AUC is the mean of the daily AUCs).
 */
export function subgroupRows(run: Run | undefined, days: readonly DayRecord[], scenario: Scenario, lastDays = 7): SubgroupRow[] {
  const groups = scenario.subgroups?.groups ?? [];
  const recent = days.filter((d) => d.live && d.live.subgroups.length).slice(-lastDays);
  return groups.map((g) => {
    const h = run?.subgroups.find((s) => s.group === g.id);
    const daily = recent.map((d) => d.live!.subgroups.find((s) => s.group === g.id)).filter((s): s is SubgroupMetrics => !!s);
    let live: SubgroupRow['live'] = null;
    if (daily.length) {
      const sum = (k: 'tp' | 'fp' | 'fn' | 'n' | 'positives') => daily.reduce((a, s) => a + s[k], 0);
      const tp = sum('tp');
      const aucs = daily.map((s) => s.auc).filter((a): a is number => a !== null);
      live = {
        auc: aucs.length ? aucs.reduce((a, b) => a + b, 0) / aucs.length : null,
        precision: tp + sum('fp') ? tp / (tp + sum('fp')) : null,
        recall: tp + sum('fn') ? tp / (tp + sum('fn')) : null,
        n: sum('n'),
        positives: sum('positives'),
        days: daily.length,
      };
    }
    return {
      group: g.id,
      label: g.label,
      holdout: h ? { auc: h.auc, precision: h.precision, recall: h.recall, n: h.n, positives: h.positives } : null,
      live,
    };
  });
}

/** The largest gap in recall between two subgroups (live when known, else holdout), for the fairness prompt. */
export function recallGap(rows: readonly SubgroupRow[]): { low: string; high: string; gap: number; source: 'live' | 'holdout' } | null {
  const source = rows.some((r) => r.live?.recall != null) ? 'live' : 'holdout';
  const vals = rows
    .map((r) => ({ label: r.label, v: source === 'live' ? r.live?.recall : r.holdout?.recall }))
    .filter((x): x is { label: string; v: number } => typeof x.v === 'number');
  if (vals.length < 2) return null;
  vals.sort((a, b) => a.v - b.v);
  return { low: vals[0]!.label, high: vals[vals.length - 1]!.label, gap: vals[vals.length - 1]!.v - vals[0]!.v, source };
}
