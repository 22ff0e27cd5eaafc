/**
 * Owns: the monitoring view's rollout table — a challenger in a canary or shadow (shared/lab/rollout.ts), day by
 * day: how many rows it scored and decided, its flag rate next to the champion's on the same rows (the check that
 * needs no labels), and, once labels arrive, its live AUC and cost beside the champion's.
 */
import type { DayRecord } from '../../../shared/lab/labTypes';
import { ROLLOUT_DAYS } from '../../../shared/lab/rollout';

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
const auc = (v: number | null | undefined): string => (v == null ? '—' : v.toFixed(3));

export function RolloutTable({ days }: { days: readonly DayRecord[] }) {
  const rows = days.filter((d) => d.rollout).slice(-10);
  const labelled = new Map(days.filter((d) => d.live?.challenger).map((d) => [d.live!.forDay, d.live!]));
  if (!rows.length) return null;
  return (
    <section aria-labelledby="monitoring-rollout">
      <h3 id="monitoring-rollout">Challenger rollout</h3>
      <p className="muted">
        A canary decides every 10th row; a shadow scores every row and decides none. Healthy: the challenger flags between half and twice as
        often as the champion on the same rows. At level 2 it takes over after {ROLLOUT_DAYS} healthy days.
      </p>
      <table className="monitoring-table" data-testid="monitoring-rollout">
        <caption>The last {rows.length} days of rollout (live quality once that day’s labels have arrived)</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Mode</th>
            <th scope="col">Version</th>
            <th scope="col">Rows scored / decided</th>
            <th scope="col">Flag rate: challenger vs champion</th>
            <th scope="col">Check</th>
            <th scope="col">Live AUC: challenger vs served</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => {
            const r = d.rollout!;
            const live = labelled.get(d.day);
            return (
              <tr key={d.day}>
                <td>{d.day}</td>
                <td>{r.mode}</td>
                <td>v{r.version}</td>
                <td>
                  {r.rows.toLocaleString('en-GB')} / {r.served.toLocaleString('en-GB')}
                </td>
                <td>
                  {pct(r.flagRate)} vs {pct(r.championFlagRate)}
                </td>
                <td>{r.healthy ? 'healthy' : 'unhealthy: rollout stops'}</td>
                <td>{live ? `${auc(live.challenger!.metrics.auc)} vs ${auc(live.metrics.auc)}` : 'labels not yet in'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
