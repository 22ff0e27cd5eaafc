/**
 * Owns: the lab's line chart over simulated days (recharts), legible on a projector: large axis labels with units,
 * each series told apart by colour AND dash pattern AND marker shape, an HTML legend drawing the same sample, optional
 * reference lines (thresholds) labelled in words, and a visible caption (the text alternative: the latest values).
 * The drawing is hidden from assistive technology; the figure is named by its title and described by the caption.
 */
import { useId } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { SeriesRow } from './monitoringSeries';

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross';

export interface SeriesStyle {
  color: string;
  dash: string;
  marker: MarkerShape;
}

/** Up to eight series, distinguishable without colour (dash + marker), with kit colours that hold in both themes. */
export const SERIES_STYLES: SeriesStyle[] = [
  { color: 'var(--accent)', dash: '', marker: 'circle' },
  { color: 'var(--warn)', dash: '10 5', marker: 'square' },
  { color: 'var(--phase-elaborate)', dash: '3 4', marker: 'triangle' },
  { color: 'var(--ok)', dash: '14 4 3 4', marker: 'diamond' },
  { color: 'var(--phase-evaluate)', dash: '6 3', marker: 'cross' },
  { color: 'var(--text-2)', dash: '2 2', marker: 'circle' },
  { color: 'var(--phase-engage)', dash: '16 6', marker: 'square' },
  { color: 'var(--danger)', dash: '8 3 2 3 2 3', marker: 'triangle' },
];

export interface ChartSeries {
  key: string;
  label: string;
  style?: SeriesStyle;
}

export interface ChartReference {
  y: number;
  label: string;
  tone: 'warn' | 'danger' | 'neutral';
}

export function Marker({ shape, x, y, color, size = 5 }: { shape: MarkerShape; x: number; y: number; color: string; size?: number }) {
  const s = size;
  switch (shape) {
    case 'circle':
      return <circle cx={x} cy={y} r={s} fill={color} />;
    case 'square':
      return <rect x={x - s} y={y - s} width={2 * s} height={2 * s} fill={color} />;
    case 'triangle':
      return <path d={`M${x},${y - s * 1.2} L${x + s * 1.1},${y + s} L${x - s * 1.1},${y + s} Z`} fill={color} />;
    case 'diamond':
      return <path d={`M${x},${y - s * 1.3} L${x + s * 1.1},${y} L${x},${y + s * 1.3} L${x - s * 1.1},${y} Z`} fill={color} />;
    case 'cross':
      return <path d={`M${x - s},${y - s} L${x + s},${y + s} M${x + s},${y - s} L${x - s},${y + s}`} stroke={color} strokeWidth={2.5} />;
  }
}

/** The legend's sample of a series: a short line in its dash with its marker in the middle. */
export function LegendSample({ style }: { style: SeriesStyle }) {
  return (
    <svg width="46" height="16" aria-hidden="true" focusable="false" style={{ flex: 'none' }}>
      <line x1="2" y1="8" x2="44" y2="8" stroke={style.color} strokeWidth="3" strokeDasharray={style.dash || undefined} />
      <Marker shape={style.marker} x={23} y={8} color={style.color} />
    </svg>
  );
}

const TONE = { warn: 'var(--warn)', danger: 'var(--danger)', neutral: 'var(--text-2)' } as const;
const FONT = 16;

export function DayLineChart({
  title,
  rows,
  series,
  yLabel,
  references = [],
  yDomain,
  caption,
  height = 300,
  yScale = 'linear',
  testId,
}: {
  title: string;
  rows: readonly SeriesRow[];
  series: readonly ChartSeries[];
  /** The y axis's quantity and unit, e.g. "PSI" or "cost per 1,000 (EUR)". */
  yLabel: string;
  references?: readonly ChartReference[];
  yDomain?: [number | 'auto', number | 'auto'];
  /** What the chart shows in words (the latest values): the text alternative. */
  caption: string;
  height?: number;
  /** 'sqrt' keeps small values and their thresholds readable beside one large one (drift statistics). */
  yScale?: 'linear' | 'sqrt';
  testId?: string;
}) {
  const captionId = useId();
  const styled = series.map((s, i) => ({ ...s, style: s.style ?? SERIES_STYLES[i % SERIES_STYLES.length]! }));
  // A marker on every k-th point: enough to tell series apart, never a solid bead chain.
  const every = Math.max(1, Math.ceil(rows.length / 12));
  return (
    <figure className="chart monitoring-chart" role="group" aria-label={title} aria-describedby={captionId} data-testid={testId}>
      <h4 className="monitoring-chart-title">{title}</h4>
      <div className="chart-legend monitoring-legend">
        {styled.map((s) => (
          <span key={s.key}>
            <LegendSample style={s.style} />
            {s.label}
          </span>
        ))}
        {references.map((r) => (
          <span key={r.label}>
            <svg width="46" height="16" aria-hidden="true" focusable="false">
              <line x1="2" y1="8" x2="44" y2="8" stroke={TONE[r.tone]} strokeWidth="2" strokeDasharray="4 4" />
            </svg>
            {r.label}
          </span>
        ))}
      </div>
      <div aria-hidden="true" className="chart-drawing">
        <ResponsiveContainer width="100%" height={height}>
          <LineChart accessibilityLayer={false} data={rows as SeriesRow[]} margin={{ top: 8, right: 24, bottom: 28, left: 12 }}>
            <CartesianGrid stroke="var(--border)" />
            <XAxis
              dataKey="day"
              type="number"
              domain={['dataMin', 'dataMax']}
              allowDecimals={false}
              tick={{ fontSize: FONT, fill: 'var(--text)' }}
              stroke="var(--text-2)"
              label={{ value: 'simulated day', position: 'insideBottom', offset: -18, fontSize: FONT, fill: 'var(--text)' }}
            />
            <YAxis
              scale={yScale}
              domain={yDomain ?? ['auto', 'auto']}
              tick={{ fontSize: FONT, fill: 'var(--text)' }}
              stroke="var(--text-2)"
              width={64}
              label={{
                value: yLabel,
                angle: -90,
                position: 'insideLeft',
                offset: 0,
                fontSize: FONT,
                fill: 'var(--text)',
                style: { textAnchor: 'middle' },
              }}
            />
            {references.map((r) => (
              <ReferenceLine key={r.label} y={r.y} stroke={TONE[r.tone]} strokeDasharray="4 4" strokeWidth={2} />
            ))}
            {styled.map((s) => (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.label}
                stroke={s.style.color}
                strokeWidth={3}
                strokeDasharray={s.style.dash || undefined}
                connectNulls={false}
                isAnimationActive={false}
                dot={(p: { cx?: number; cy?: number; index?: number; value?: unknown }) =>
                  p.cx !== undefined && p.cy !== undefined && typeof p.value === 'number' && (p.index ?? 0) % every === 0 ? (
                    <Marker key={`${s.key}-${p.index}`} shape={s.style.marker} x={p.cx} y={p.cy} color={s.style.color} />
                  ) : (
                    <g key={`${s.key}-${p.index}`} />
                  )
                }
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption id={captionId} className="monitoring-caption">
        {caption}
      </figcaption>
    </figure>
  );
}
