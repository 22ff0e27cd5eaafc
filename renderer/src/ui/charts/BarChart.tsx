/**
 * Owns: the kit's bar chart — recharts (SVG, offline, prints cleanly), loaded lazily — with its text alternative.
 * The drawing is hidden from assistive technology; the same numbers are given as a table (visible, for the
 * projector's back row, unless `table="hidden"`), so nothing is said only by the picture.
 * For poll results, rubric distributions and the ML Test Score sections.
 */
import { lazy, Suspense } from 'react';

export interface BarDatum {
  label: string;
  value: number;
}

const BarChartSvg = lazy(() => import('./BarChartSvg'));

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
      <div aria-hidden="true" className="chart-drawing">
        <Suspense fallback={<div className="muted">Loading the chart…</div>}>
          <BarChartSvg data={data} max={max} large={large} format={format} />
        </Suspense>
      </div>
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
