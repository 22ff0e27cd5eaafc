/**
 * Owns: the explain view's recharts drawings — one prediction's waterfall (floating bars from the base to the final
 * value, pushes up and down told apart by colour, a signed label and a pattern) and quality by subgroup (holdout
 * vs live, solid vs outlined bars, values written on the bars). Both are hidden from assistive technology: the view
 * gives the same numbers as tables.
 */
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { SubgroupRow, WaterfallStep } from './explainData';
import { keepZeroBars, WrappedTick } from '../ui/charts/BarChartSvg';

const FONT = 16;
const KIND_FILL = { base: 'var(--text-2)', up: 'var(--danger)', down: 'var(--ok)', final: 'var(--accent)' } as const;

/** A number's text with a true minus sign (a hyphen reads as a dash in tabular figures). */
export const minus = (text: string) => text.replace(/^-/, '−');
const signed = (v: number, digits = 2) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(digits)}`;

export function WaterfallDrawing({ steps, scaleLabel }: { steps: readonly WaterfallStep[]; scaleLabel: string }) {
  // Base and final are drawn as a narrow marker at their value (not a bar from 0), so the axis spans the path the
  // contributions take and each step stays readable.
  const ends = steps.flatMap((s) => (s.kind === 'base' || s.kind === 'final' ? [s.to] : [s.from, s.to]));
  const half = Math.max(Math.max(...ends) - Math.min(...ends), 0.01) * 0.012;
  const rows = steps.map((s) => ({
    label: s.label,
    range: (s.kind === 'base' || s.kind === 'final' ? [s.to - half, s.to + half] : [Math.min(s.from, s.to), Math.max(s.from, s.to)]) as [
      number,
      number,
    ],
    kind: s.kind,
    text: s.kind === 'base' || s.kind === 'final' ? minus(s.to.toFixed(2)) : `${signed(s.contribution)} ${s.kind === 'up' ? '▲' : '▼'}`,
  }));
  return (
    <div aria-hidden="true" className="chart-drawing">
      <ResponsiveContainer width="100%" height={rows.length * 40 + 60}>
        <BarChart accessibilityLayer={false} data={rows} layout="vertical" margin={{ top: 4, right: 90, bottom: 28, left: 8 }}>
          <CartesianGrid horizontal={false} stroke="var(--border)" />
          <XAxis
            type="number"
            domain={['auto', 'auto']}
            tickFormatter={(v: number) => minus(String(v))}
            tick={{ fontSize: FONT, fill: 'var(--text)' }}
            stroke="var(--text-2)"
            label={{ value: scaleLabel, position: 'insideBottom', offset: -18, fontSize: FONT, fill: 'var(--text)' }}
          />
          <YAxis
            type="category"
            dataKey="label"
            width={260}
            stroke="var(--text-2)"
            tick={(props: object) => <WrappedTick {...props} width={248} fontSize={FONT} />}
          />
          <Bar dataKey="range" isAnimationActive={false} maxBarSize={26}>
            {rows.map((r, i) => (
              <Cell
                key={i}
                fill={KIND_FILL[r.kind]}
                fillOpacity={r.kind === 'down' ? 0.85 : 1}
                stroke="var(--text)"
                strokeWidth={r.kind === 'down' ? 1 : 0}
                strokeDasharray={r.kind === 'down' ? '3 2' : undefined}
              />
            ))}
            <LabelList dataKey="text" position="right" style={{ fontSize: FONT, fill: 'var(--text)', fontWeight: 600 }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function SubgroupDrawing({ rows, metric }: { rows: readonly SubgroupRow[]; metric: 'recall' | 'auc' | 'precision' }) {
  const data = rows.map((r) => ({ label: r.label, holdout: r.holdout?.[metric] ?? null, live: r.live?.[metric] ?? null }));
  const fmt = (v: unknown) => (typeof v === 'number' ? v.toFixed(2) : '');
  return (
    <div aria-hidden="true" className="chart-drawing">
      <ResponsiveContainer width="100%" height={rows.length * 80 + 60}>
        <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 4, right: 60, bottom: 28, left: 8 }} barGap={4}>
          <CartesianGrid horizontal={false} stroke="var(--border)" />
          <XAxis
            type="number"
            domain={[0, 1]}
            tick={{ fontSize: FONT, fill: 'var(--text)' }}
            stroke="var(--text-2)"
            label={{
              value: `${metric === 'auc' ? 'AUC' : metric} (0–1)`,
              position: 'insideBottom',
              offset: -18,
              fontSize: FONT,
              fill: 'var(--text)',
            }}
          />
          <YAxis
            type="category"
            dataKey="label"
            width={200}
            stroke="var(--text-2)"
            tick={(props: object) => <WrappedTick {...props} width={188} fontSize={FONT} />}
          />
          <Bar dataKey="holdout" fill="var(--accent)" isAnimationActive={false} maxBarSize={26} shape={keepZeroBars}>
            <LabelList
              dataKey="holdout"
              position="right"
              formatter={fmt}
              style={{ fontSize: FONT, fill: 'var(--text)', fontWeight: 600 }}
            />
          </Bar>
          <Bar
            dataKey="live"
            fill="var(--surface)"
            stroke="var(--warn)"
            strokeWidth={3}
            strokeDasharray="6 3"
            isAnimationActive={false}
            maxBarSize={26}
            shape={keepZeroBars}
          >
            <LabelList dataKey="live" position="right" formatter={fmt} style={{ fontSize: FONT, fill: 'var(--text)', fontWeight: 600 }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The legend of the subgroup chart: samples of the solid and the outlined bar. */
export function SubgroupLegend() {
  return (
    <div className="chart-legend monitoring-legend">
      <span>
        <span className="chart-swatch" style={{ background: 'var(--accent)' }} /> holdout (when trained)
      </span>
      <span>
        <span className="chart-swatch" style={{ background: 'var(--surface)', border: '3px dashed var(--warn)' }} /> live (labels arrived,
        recent days)
      </span>
    </div>
  );
}
