/**
 * Owns: the recharts drawings of ./RubricChart (loaded lazily; use <RubricChart>): the stacked peer distribution per
 * criterion (PeerLevels) and the peer mean and facilitator levels per criterion (MeanLevels). Both have the same
 * height and margins, so their rows line up side by side on the projector (where MeanLevels leaves out the labels).
 */
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { WrappedTick } from './BarChartSvg';
import { FACILITATOR_COLOUR, PEER_COLOUR, levelColour, levelKey, type RubricLevel, type RubricRow } from './chartData';

interface Props {
  rows: readonly RubricRow[];
  levels: readonly RubricLevel[];
  large: boolean;
}

const count = (v: unknown) => (typeof v === 'number' && v > 0 ? String(v) : '');
const level = (v: unknown) => (typeof v === 'number' ? String(v) : '');
const margin = { top: 4, right: 40, bottom: 4, left: 4 };
const axisStroke = 'var(--text-2, #6b7280)';

function sizes(rows: readonly RubricRow[], large: boolean) {
  const fontSize = large ? 20 : 14;
  const rowHeight = large ? 64 : 52;
  return { fontSize, rowHeight, height: rows.length * rowHeight + 40, labelWidth: large ? 300 : 200, tick: { fontSize, fill: 'var(--text)' } };
}

const chartRows = (rows: readonly RubricRow[]) => rows.map((r) => ({ ...r.counts, label: `${r.title} (${r.weight})`, peerMean: r.peerMean, facilitator: r.facilitator }));

/** The x axis runs to the number of peers who scored: a full bar is every one of them. */
export function PeerLevels({ rows, levels, large, scorers }: Props & { scorers: number }) {
  const { fontSize, rowHeight, height, labelWidth, tick } = sizes(rows, large);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart accessibilityLayer={false} data={chartRows(rows)} layout="vertical" margin={margin}>
        <CartesianGrid horizontal={false} stroke="var(--border)" />
        <XAxis type="number" domain={[0, Math.max(1, scorers)]} allowDecimals={false} tick={tick} stroke={axisStroke} />
        <YAxis type="category" dataKey="label" width={labelWidth} tick={(p: object) => <WrappedTick {...p} width={labelWidth - 12} fontSize={fontSize} />} stroke={axisStroke} />
        {levels.map((l, i) => (
          <Bar key={l.score} dataKey={levelKey(l.score)} name={l.label} stackId="peers" fill={levelColour(i)} isAnimationActive={false} maxBarSize={rowHeight - 16}>
            <LabelList dataKey={levelKey(l.score)} position="center" formatter={count} style={{ fontSize, fill: '#111', fontWeight: 700 }} />
          </Bar>
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

export function MeanLevels({ rows, levels, large }: Props) {
  const { fontSize, rowHeight, height, labelWidth, tick } = sizes(rows, large);
  const top = Math.max(1, ...levels.map((l) => l.score));
  const label = { fontSize, fill: 'var(--text)', fontWeight: 700 };
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart accessibilityLayer={false} data={chartRows(rows)} layout="vertical" margin={margin} barGap={2}>
        <CartesianGrid horizontal={false} stroke="var(--border)" />
        <XAxis type="number" domain={[0, top]} ticks={[0, ...levels.map((l) => l.score)]} tick={tick} stroke={axisStroke} />
        <YAxis
          type="category"
          dataKey="label"
          width={large ? 4 : labelWidth}
          tick={large ? false : (p: object) => <WrappedTick {...p} width={labelWidth - 12} fontSize={fontSize} />}
          stroke={axisStroke}
        />
        <Bar dataKey="peerMean" name="Peers (mean)" fill={PEER_COLOUR} isAnimationActive={false} maxBarSize={(rowHeight - 16) / 2}>
          <LabelList dataKey="peerMean" position="right" formatter={level} style={label} />
        </Bar>
        <Bar dataKey="facilitator" name="Facilitator" fill={FACILITATOR_COLOUR} isAnimationActive={false} maxBarSize={(rowHeight - 16) / 2}>
          <LabelList dataKey="facilitator" position="right" formatter={level} style={label} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
