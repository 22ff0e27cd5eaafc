/**
 * Owns: the kit's bar chart — recharts (SVG, offline, prints cleanly), loaded lazily — with its text alternative.
 * The drawing is hidden from assistive technology; the same numbers are given as a table (visible, for the
 * projector's back row, unless `table="hidden"`), so nothing is said only by the picture.
 * For the ML Test Score sections; the poll results (live/PollResults.tsx) use <BarChartDrawing> with their own list,
 * the rubric results their own charts (./RubricChart.tsx).
 */
import { lazy, Suspense } from 'react';

export interface BarDatum {
  label: string;
  value: number;
  /** Drawn in the "ok" colour with a ✓ (a quiz's correct answer). */
  highlight?: boolean;
}

const BarChartSvg = lazy(() => import('./BarChartSvg'));

/**
 * The drawing alone (hidden from assistive technology), for a component that gives its own text alternative
 * (e.g. the poll results' list); it must also name the figure.
 */
export function BarChartDrawing({ data, max, large = false, format = String }: { data: readonly BarDatum[]; max?: number; large?: boolean; format?: (value: number) => string }) {
  return (
    <div aria-hidden="true" className="chart-drawing">
      <Suspense fallback={<div className="muted">Loading the chart…</div>}>
        <BarChartSvg data={data} max={max} large={large} format={format} />
      </Suspense>
    </div>
  );
}

export function BarChart({
  title,
  data,
  max,
  large = false,
  table = 'visible',
  itemHeader = 'Item',
  valueHeader = 'Value',
  format = String,
  testId,
}: {
  /** What the chart shows, read out for the figure and used as the table's caption. */
  title: string;
  data: readonly BarDatum[];
  max?: number;
  /** Bigger type for the projector. */
  large?: boolean;
  table?: 'visible' | 'hidden';
  itemHeader?: string;
  valueHeader?: string;
  format?: (value: number) => string;
  testId?: string;
}) {
  return (
    <figure className={`chart ${large ? 'chart-large' : ''}`} role="group" aria-label={title} data-testid={testId}>
      <BarChartDrawing data={data} max={max} large={large} format={format} />
      <table className={table === 'hidden' ? 'visually-hidden' : 'chart-table'}>
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{itemHeader}</th>
            <th scope="col">{valueHeader}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.label}>
              <th scope="row">{d.label}</th>
              <td>
                {format(d.value)}
                {max !== undefined ? ` / ${format(max)}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
