/**
 * Owns: the recharts drawing of one DevOps-only vs MLOps series over the simulated days (cost per 1,000 rows, or
 * cumulative cost), with the incident and each team's detection day as labelled vertical lines. Loaded lazily by
 * ProcessComparison.tsx, which gives the legend and the text alternative; the drawing itself is aria-hidden there.
 * Two teams are told apart by colour AND line style (DevOps-only dashed, MLOps solid) AND the legend's words.
 */
import { CartesianGrid, Label, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import type { ProcessComparison } from '../../../shared/lab/processComparison';
import { useWidth } from '../ui/charts/BarChartSvg';
import { TEAM_STYLE, type SeriesMetric } from './comparisonStyle';

const compact = (v: number) => (Math.abs(v) >= 10_000 ? `${Math.round(v / 1000)}k` : String(Math.round(v)));

export default function ProcessComparisonChart({
  comparison,
  metric,
  large,
}: {
  comparison: ProcessComparison;
  metric: SeriesMetric;
  large: boolean;
}) {
  const [ref, width] = useWidth();
  const fontSize = large ? 20 : 14;
  const data = comparison.devops.days.map((d, i) => ({ day: d.day, devops: d[metric], mlops: comparison.mlops.days[i]?.[metric] ?? null }));
  const incidentDays = [...new Set(comparison.mlops.incidents.map((i) => i.day))];
  const detected = (['devops', 'mlops'] as const).flatMap((team) =>
    comparison[team].incidents.filter((i) => i.detectedDay !== null).map((i) => ({ team, day: i.detectedDay! })),
  );
  const yLabel = metric === 'costPer1000' ? `Cost per 1,000 rows (${comparison.currency})` : `Cost so far (${comparison.currency})`;
  return (
    <div ref={ref} style={{ width: '100%' }}>
      {width > 0 ? (
        <LineChart
          accessibilityLayer={false}
          width={width}
          height={large ? 420 : 300}
          data={data}
          margin={{ top: 28, right: 24, bottom: 28, left: 16 }}
        >
          <CartesianGrid stroke="var(--border)" />
          <XAxis
            dataKey="day"
            type="number"
            domain={[0, comparison.horizon - 1]}
            tick={{ fontSize, fill: 'var(--text)' }}
            stroke="var(--text-2)"
          >
            <Label value="Simulated day" position="insideBottom" offset={-18} style={{ fontSize, fill: 'var(--text)' }} />
          </XAxis>
          <YAxis tickFormatter={compact} width={large ? 80 : 60} tick={{ fontSize, fill: 'var(--text)' }} stroke="var(--text-2)">
            <Label
              value={yLabel}
              angle={-90}
              position="insideLeft"
              offset={-4}
              style={{ fontSize: fontSize - 2, fill: 'var(--text)', textAnchor: 'middle' }}
            />
          </YAxis>
          {incidentDays.map((d) => (
            <ReferenceLine key={`i${d}`} x={d} stroke="var(--danger)" strokeWidth={2}>
              <Label value="incident" position="top" style={{ fontSize, fill: 'var(--danger)', fontWeight: 600 }} />
            </ReferenceLine>
          ))}
          {detected.map((x) => (
            <ReferenceLine
              key={`${x.team}${x.day}`}
              x={x.day}
              stroke={TEAM_STYLE[x.team].colour}
              strokeDasharray={TEAM_STYLE[x.team].dash ?? '2 3'}
            >
              <Label
                value={`${TEAM_STYLE[x.team].name} detects`}
                position={x.team === 'mlops' ? 'insideTopRight' : 'insideTopLeft'}
                style={{ fontSize: fontSize - 2, fill: 'var(--text)' }}
              />
            </ReferenceLine>
          ))}
          {(['devops', 'mlops'] as const).map((team) => (
            <Line
              key={team}
              dataKey={team}
              name={TEAM_STYLE[team].name}
              stroke={TEAM_STYLE[team].colour}
              strokeDasharray={TEAM_STYLE[team].dash}
              strokeWidth={large ? 4 : 3}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      ) : null}
    </div>
  );
}
