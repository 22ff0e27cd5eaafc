/**
 * Owns: the recharts drawing of a horizontal bar chart. Loaded lazily through ./BarChart (recharts and its d3
 * modules stay out of the entry bundle); use <BarChart> or <BarChartDrawing>, not this file.
 * A highlighted bar (a quiz's correct answer) is drawn in the "ok" colour and its label gets a ✓, so colour is not
 * the only sign. Labels take up to ~40 % of the measured width and wrap on two lines; a zero still shows its "0".
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { Bar, BarChart as RBarChart, CartesianGrid, Cell, LabelList, Rectangle, Text, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { BarDatum } from './BarChart';

/**
 * A category tick that wraps its label into the axis width. recharts' Text measures the words in a span styled with
 * `style`, so the size there needs its unit (a bare number is dropped by the DOM and the words measure too short).
 */
export function WrappedTick({ x, y, payload, width, fontSize }: { x?: number; y?: number; payload?: { value: unknown }; width: number; fontSize: number }) {
  return (
    <Text x={x} y={y} width={width} maxLines={2} textAnchor="end" verticalAnchor="middle" fontSize={fontSize} style={{ fontSize: `${fontSize}px` }} fill="var(--text)">
      {String(payload?.value ?? '')}
    </Text>
  );
}

/** A plain bar; being a custom shape it keeps zero-width bars, so their value label ("0") is still written. */
export const keepZeroBars = (props: BarShapeProps) => <Rectangle {...props} />;

/** The width of the element `ref` is put on, followed as it resizes. */
export function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export default function BarChartSvg({ data, max, large, format }: { data: readonly BarDatum[]; max?: number; large: boolean; format: (value: number) => string }) {
  const [ref, width] = useWidth();
  const fontSize = large ? 22 : 15;
  const rowHeight = large ? 64 : 40;
  const rows = data.map((d) => ({ ...d, label: d.highlight ? `✓ ${d.label}` : d.label }));
  const longest = Math.max(...rows.map((d) => d.label.length)) * fontSize * 0.55;
  const labelWidth = Math.round(Math.max(80, Math.min(longest + 12, width * 0.42, large ? 560 : 300)));
  return (
    <div ref={ref} style={{ width: '100%' }}>
      {width > 0 ? (
        <RBarChart accessibilityLayer={false} width={width} height={data.length * rowHeight + 40} data={rows} layout="vertical" margin={{ top: 4, right: 48, bottom: 4, left: 4 }}>
          <CartesianGrid horizontal={false} stroke="var(--border)" />
          <XAxis
            type="number"
            domain={[0, max ?? 'auto']}
            ticks={max !== undefined && max <= 10 ? Array.from({ length: max + 1 }, (_, i) => i) : undefined}
            allowDecimals={false}
            tick={{ fontSize, fill: 'var(--text)' }} stroke="var(--text-2, #6b7280)" />
          <YAxis
            type="category"
            dataKey="label"
            width={labelWidth}
            tick={(props: object) => <WrappedTick {...props} width={labelWidth - 12} fontSize={fontSize} />}
            stroke="var(--text-2, #6b7280)"
          />
          <Bar dataKey="value" fill="var(--accent)" isAnimationActive={false} maxBarSize={rowHeight - 12} shape={keepZeroBars}>
            {rows.map((d, i) => (
              <Cell key={i} fill={d.highlight ? 'var(--ok)' : 'var(--accent)'} />
            ))}
            <LabelList dataKey="value" position="right" formatter={(v: unknown) => (typeof v === 'number' ? format(v) : '')} style={{ fontSize, fill: 'var(--text)', fontWeight: 600 }} />
          </Bar>
        </RBarChart>
      ) : null}
    </div>
  );
}
