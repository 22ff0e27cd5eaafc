/**
 * Owns: the recharts drawing of a horizontal bar chart. Loaded lazily through ./BarChart (recharts and its d3
 * modules stay out of the entry bundle); use <BarChart>, not this file.
 */
import { Bar, BarChart as RBarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { BarDatum } from './BarChart';

export default function BarChartSvg({ data, max, large, format }: { data: readonly BarDatum[]; max?: number; large: boolean; format: (value: number) => string }) {
  const fontSize = large ? 22 : 15;
  const rowHeight = large ? 64 : 40;
  const labelWidth = Math.min(large ? 420 : 260, Math.max(80, ...data.map((d) => d.label.length * fontSize * 0.55)));
  return (
    <ResponsiveContainer width="100%" height={data.length * rowHeight + 40}>
      <RBarChart data={[...data]} layout="vertical" margin={{ top: 4, right: 48, bottom: 4, left: 4 }}>
        <CartesianGrid horizontal={false} stroke="var(--border)" />
        <XAxis type="number" domain={[0, max ?? 'auto']} allowDecimals tick={{ fontSize, fill: 'var(--text)' }} stroke="var(--muted, #6b7280)" />
        <YAxis type="category" dataKey="label" width={labelWidth} tick={{ fontSize, fill: 'var(--text)' }} stroke="var(--muted, #6b7280)" />
        <Bar dataKey="value" fill="var(--accent)" isAnimationActive={false} maxBarSize={rowHeight - 12}>
          <LabelList dataKey="value" position="right" formatter={(v: unknown) => (typeof v === 'number' ? format(v) : '')} style={{ fontSize, fill: 'var(--text)', fontWeight: 600 }} />
        </Bar>
      </RBarChart>
    </ResponsiveContainer>
  );
}
