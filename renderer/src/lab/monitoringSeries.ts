/**
 * Owns: turning the lab's day records into the monitoring charts' series and the sentences that describe them
 * (their text alternatives): per-feature drift (PSI or KS), the prediction distribution, live quality once labels
 * arrive (with the serving version's holdout AUC), the business cost the team can see (from arrived labels) and
 * the hindsight cost (debrief only), the alerts newest first. Pure: no React, no recharts.
 */
import type { Alert, DayRecord } from '../../../shared/lab/labTypes';
import type { Run } from '../../../shared/lab/registry';

export type DriftMetric = 'psi' | 'ks';

/** One chart row: the day and a value per series key (null where there is no value that day: a gap). */
export type SeriesRow = { day: number } & Record<string, number | null>;

/** The features the champion is monitored on, highest peak of `metric` first (the ones to draw). */
export function driftFeatures(days: readonly DayRecord[], metric: DriftMetric): string[] {
  const peak = new Map<string, number>();
  for (const d of days) for (const f of d.drift ?? []) peak.set(f.feature, Math.max(peak.get(f.feature) ?? 0, f[metric]));
  return [...peak.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([f]) => f);
}

/** One row per simulated day; `features` keys hold that day's PSI or KS (null on an unmonitored day). */
export function driftSeries(days: readonly DayRecord[], metric: DriftMetric, features: readonly string[]): SeriesRow[] {
  return days.map((d) => {
    const row: SeriesRow = { day: d.day };
    for (const f of features) row[f] = d.drift?.find((x) => x.feature === f)?.[metric] ?? null;
    return row;
  });
}

/** Mean score and flagged share in percent, and the score distribution's PSI against the training reference. */
export function predictionSeries(days: readonly DayRecord[]): SeriesRow[] {
  return days.map((d) => ({
    day: d.day,
    meanScore: d.champion === null ? null : d.meanScore * 100,
    flagged: d.champion === null || !d.rows ? null : (d.flagged / d.rows) * 100,
    predictionPsi: d.predictionPsi,
  }));
}

/**
 * Live quality by the day that was scored (its labels arrived `labelDelayDays` later): AUC, precision and recall
 * of the model that served it, and that model's holdout AUC (what it promised).
 */
export function liveQualitySeries(
  days: readonly DayRecord[],
  runs: readonly Run[],
  versionRun: (version: number) => string | undefined,
): SeriesRow[] {
  const rows: SeriesRow[] = [];
  for (const d of days) {
    if (!d.live) continue;
    const runId = d.live.version === null ? undefined : versionRun(d.live.version);
    const holdout = runs.find((r) => r.id === runId)?.metrics.auc ?? null;
    rows.push({
      day: d.live.forDay,
      auc: d.live.metrics.auc,
      precision: d.live.metrics.precision,
      recall: d.live.metrics.recall,
      holdoutAuc: holdout,
    });
  }
  return rows.sort((a, b) => a.day - b.day);
}

/**
 * Business cost per 1,000 rows and cumulative. `seen`: what the team knows, from arrived labels (monitoring on);
 * `truth`: the hindsight cost of every served day (the debrief's view), only when `hindsight`.
 */
export function costSeries(days: readonly DayRecord[], hindsight: boolean): SeriesRow[] {
  const byDay = new Map<number, SeriesRow>();
  for (const d of days)
    byDay.set(d.day, {
      day: d.day,
      seenPer1000: null,
      seenTotal: null,
      ...(hindsight ? { truthPer1000: d.truth.costPer1000, truthTotal: null } : {}),
    });
  for (const d of days) {
    if (!d.live) continue;
    const row = byDay.get(d.live.forDay);
    if (row) row.seenPer1000 = d.live.metrics.costPer1000;
  }
  const rows = [...byDay.values()].sort((a, b) => a.day - b.day);
  let seen = 0;
  let truth = 0;
  const seenCost = new Map(days.filter((d) => d.live).map((d) => [d.live!.forDay, d.live!.metrics.cost]));
  for (const r of rows) {
    const c = seenCost.get(r.day);
    if (c !== undefined) {
      seen += c;
      r.seenTotal = seen;
    }
    if (hindsight) {
      truth += days.find((d) => d.day === r.day)!.truth.cost;
      r.truthTotal = truth;
    }
  }
  return rows;
}

/** Every alert, newest first (ties: the order they were raised). */
export function alertRows(days: readonly DayRecord[]): Alert[] {
  return days
    .flatMap((d) => d.alerts)
    .map((a, i) => ({ a, i }))
    .sort((x, y) => y.a.day - x.a.day || x.i - y.i)
    .map((x) => x.a);
}

/** The last non-null value of `key`, with its day. */
export function latest(rows: readonly SeriesRow[], key: string): { day: number; value: number } | null {
  for (let i = rows.length - 1; i >= 0; i--) {
    const v = rows[i]![key];
    if (v !== null && v !== undefined) return { day: rows[i]!.day, value: v };
  }
  return null;
}

export const fmt = (v: number | null | undefined, digits = 3): string =>
  v === null || v === undefined || Number.isNaN(v) ? '—' : v.toFixed(digits);

/** A caption naming the latest value of each series, e.g. "Day 34: Amount 0.31, Distance 0.05." */
export function latestCaption(
  rows: readonly SeriesRow[],
  series: readonly { key: string; label: string; digits?: number; unit?: string }[],
): string {
  const parts = series.flatMap((s) => {
    const l = latest(rows, s.key);
    return l ? [`${s.label} ${fmt(l.value, s.digits ?? 3)}${s.unit ?? ''} (day ${l.day})`] : [];
  });
  return parts.length ? `Latest: ${parts.join('; ')}.` : 'No values yet.';
}
