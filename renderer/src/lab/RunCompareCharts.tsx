/**
 * The comparison's charts (recharts, a chunk of its own): holdout metrics per run (AUC, precision, recall, ECE,
 * Brier; grouped bars), business cost per 1,000 rows, and AUC by subgroup where the scenario has subgroups.
 * Large type and labelled axes for a projector; each run keeps one colour AND its name in the legend and on the
 * bars' value labels. The numbers are also in the diff table below (the charts' text alternative).
 */
import { Bar, BarChart, CartesianGrid, Legend, LabelList, XAxis, YAxis } from 'recharts';
import type { Run } from '../../../shared/lab/registry';
import { useWidth } from '../ui/charts/BarChartSvg';
import type { LabApi } from './labApi';

const COLOURS = ['var(--phase-explain)', 'var(--phase-engage)', 'var(--phase-explore)', 'var(--phase-elaborate)', 'var(--phase-evaluate)'];
const colour = (i: number) => COLOURS[i % COLOURS.length]!;
const FONT = 15;
const tick = { fontSize: FONT, fill: 'var(--text)' };

function Grouped({
  title,
  data,
  runs,
  unit,
  digits,
}: {
  title: string;
  data: Record<string, string | number>[];
  runs: Run[];
  unit: string;
  digits: number;
}) {
  const [ref, width] = useWidth();
  return (
    <figure className="lab-chart" role="group" aria-label={title}>
      <figcaption>{title}</figcaption>
      <div ref={ref} aria-hidden="true">
        {width > 0 ? (
          <BarChart accessibilityLayer={false} width={width} height={300} data={data} margin={{ top: 24, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis dataKey="name" tick={tick} stroke="var(--text-2)" />
            <YAxis
              tick={tick}
              stroke="var(--text-2)"
              label={{ value: unit, angle: -90, position: 'insideLeft', fill: 'var(--text)', fontSize: FONT }}
            />
            <Legend wrapperStyle={{ fontSize: FONT, color: 'var(--text)' }} />
            {runs.map((r, i) => (
              <Bar key={r.id} dataKey={r.id} name={`${r.id} (${r.model})`} fill={colour(i)} isAnimationActive={false}>
                <LabelList
                  dataKey={r.id}
                  position="top"
                  formatter={(v: unknown) => (typeof v === 'number' ? v.toFixed(digits) : '')}
                  style={{ fontSize: 12, fill: 'var(--text)' }}
                />
              </Bar>
            ))}
          </BarChart>
        ) : null}
      </div>
    </figure>
  );
}

export default function RunCompareCharts({ lab, runs }: { lab: LabApi; runs: Run[] }) {
  const s = lab.scenario;
  const metric = (name: string, get: (r: Run) => number | null) =>
    Object.fromEntries([['name', name], ...runs.map((r) => [r.id, get(r) ?? 0])]) as Record<string, string | number>;
  const metrics = [
    metric('AUC', (r) => r.metrics.auc),
    metric('Precision', (r) => r.metrics.precision),
    metric('Recall', (r) => r.metrics.recall),
    metric('ECE', (r) => r.metrics.ece),
    metric('Brier', (r) => r.metrics.brier),
  ];
  const cost = [metric(`Cost per 1,000 rows`, (r) => r.metrics.costPer1000)];
  const groups = runs[0]?.subgroups ?? [];
  const subgroups = groups.map((g) => metric(g.label, (r) => r.subgroups.find((x) => x.group === g.group)?.auc ?? null));
  return (
    <div className="lab-charts" data-testid="lab-compare-charts">
      <Grouped
        title="Holdout metrics per run (higher is better, except ECE and Brier)"
        data={metrics}
        runs={runs}
        unit="score"
        digits={2}
      />
      <Grouped
        title={`Business cost per 1,000 rows, one row a ${s.rowNoun} (${s.costs.currency}, lower is better)`}
        data={cost}
        runs={runs}
        unit={s.costs.currency}
        digits={0}
      />
      {subgroups.length ? (
        <Grouped title={`AUC by ${s.subgroups?.label ?? 'subgroup'}`} data={subgroups} runs={runs} unit="AUC" digits={2} />
      ) : null}
    </div>
  );
}
