/**
 * The report's pictures as inline SVG (no script, no outside reference): horizontal bar charts with their numbers
 * written out (a text alternative in <title> and beside each bar), the rubric's peer levels per criterion as stacked
 * bars (the screens' colours: LEVEL_COLOURS), and a team's board drawn from its elements (rectangles, diamonds,
 * ellipses, text, lines and arrows; other kinds as their outline).
 *
 * Why drawn by hand and not with recharts, which draws the same charts on the screens (renderer/src/ui/charts):
 * the report is built by the host in plain Node, and recharts 3 does not render on a server. Tried with 3.11.1:
 * react-dom/server's renderToStaticMarkup (and react-dom/static's prerender) of a <BarChart width height> with
 * isAnimationActive={false} gives only the empty wrapper `<div class="recharts-wrapper" …></div>`, no <svg> — recharts
 * 3 fills its chart state in effects, which never run on a server (recharts issue #5997, open; 2.x did render).
 * Running it in Node would take a DOM (jsdom) in the host for a few rectangles; these ~60 lines print cleanly.
 *
 * Owns: escaping for HTML/SVG text and attributes, those drawings, and the level palette they share with the screens.
 */
import type { BoardElement } from '../room/elementMerge';

export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const num = (value: unknown, fallback = 0): number => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
/** Only plain colours reach the SVG (a crafted colour must not become markup or a url()). */
const colour = (value: unknown, fallback: string): string =>
  typeof value === 'string' && /^(#[0-9a-fA-F]{3,8}|[a-z]{3,20})$/.test(value) ? value : fallback;

export interface Bar {
  label: string;
  value: number;
  /** Shown instead of the value (e.g. "3 (50%)"). */
  text?: string;
  highlight?: boolean;
  /** The bar's full scale (e.g. 7 for an ML Test Score section); default: the largest value in the chart. */
  max?: number;
}

/** A horizontal bar chart; `title` is its text alternative. */
export function barChart(title: string, bars: Bar[]): string {
  if (bars.length === 0) return '';
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 26;
  const height = bars.length * row + 4;
  const body = bars
    .map((b, i) => {
      const y = i * row + 2;
      const w = Math.round((Math.min(b.value, b.max ?? max) / (b.max ?? max)) * 300);
      return `<text x="0" y="${y + 17}" class="bl">${esc(b.label.length > 48 ? `${b.label.slice(0, 47)}…` : b.label)}</text><rect x="330" y="${y + 3}" width="${w}" height="18" fill="${b.highlight ? '#1b7f3b' : '#2f5d9e'}"/><text x="${336 + w}" y="${y + 17}" class="bv">${esc(b.text ?? String(b.value))}</text>`;
    })
    .join('');
  return `<svg class="chart" role="img" viewBox="0 0 720 ${height}" width="720" height="${height}" xmlns="http://www.w3.org/2000/svg"><title>${esc(title)}: ${esc(bars.map((b) => `${b.label} ${b.text ?? b.value}`).join('; '))}</title>${body}</svg>`;
}

/** Okabe–Ito colours (told apart with the common colour-vision deficiencies), for the lowest rubric level first. */
export const LEVEL_COLOURS = ['#D55E00', '#E69F00', '#56B4E9', '#009E73', '#CC79A7', '#F0E442', '#0072B2'];

/**
 * Stacked horizontal bars: per row the counts of each level, a colour per level (legend on top), the count written
 * in its segment; a full bar is `max` (e.g. every peer who scored). `title` and every number go in <title>.
 */
export function stackedBars(title: string, levels: string[], rows: { label: string; counts: number[] }[], max: number): string {
  if (rows.length === 0) return '';
  const full = Math.max(1, max, ...rows.map((r) => r.counts.reduce((a, b) => a + b, 0)));
  const row = 30;
  const top = 26;
  const height = top + rows.length * row + 4;
  const colour = (i: number) => LEVEL_COLOURS[i % LEVEL_COLOURS.length]!;
  const legend = levels
    .map(
      (l, i) =>
        `<rect x="${i * 170}" y="4" width="14" height="14" fill="${colour(i)}"/><text x="${i * 170 + 20}" y="16" class="bl">${esc(l)}</text>`,
    )
    .join('');
  const body = rows
    .map((r, j) => {
      const y = top + j * row;
      let x = 330;
      const segments = r.counts
        .map((n, i) => {
          const w = Math.round((n / full) * 360);
          const part =
            n > 0
              ? `<rect x="${x}" y="${y + 3}" width="${w}" height="22" fill="${colour(i)}"/><text x="${x + w / 2}" y="${y + 19}" text-anchor="middle" class="bv">${n}</text>`
              : '';
          x += w;
          return part;
        })
        .join('');
      return `<text x="0" y="${y + 19}" class="bl">${esc(r.label.length > 48 ? `${r.label.slice(0, 47)}…` : r.label)}</text>${segments}`;
    })
    .join('');
  const words = rows.map((r) => `${r.label}: ${r.counts.map((n, i) => `${n} ${levels[i] ?? i + 1}`).join(', ')}`).join('; ');
  return `<svg class="chart" role="img" viewBox="0 0 720 ${height}" width="720" height="${height}" xmlns="http://www.w3.org/2000/svg"><title>${esc(title)}: ${esc(words)}</title>${legend}${body}</svg>`;
}

/** The board's current elements as one SVG picture, scaled to fit. */
export function boardSvg(title: string, elements: readonly BoardElement[]): string {
  const shown = elements.filter((e) => !e.isDeleted);
  if (shown.length === 0) return '<p class="empty">The board is empty.</p>';
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const e of shown) {
    const x = num(e.x);
    const y = num(e.y);
    minX = Math.min(minX, x, x + num(e.width));
    minY = Math.min(minY, y, y + num(e.height));
    maxX = Math.max(maxX, x, x + num(e.width));
    maxY = Math.max(maxY, y, y + num(e.height));
  }
  const pad = 20;
  const vb = `${minX - pad} ${minY - pad} ${Math.max(1, maxX - minX) + 2 * pad} ${Math.max(1, maxY - minY) + 2 * pad}`;
  const parts = shown.map((e) => {
    const x = num(e.x);
    const y = num(e.y);
    const w = num(e.width);
    const h = num(e.height);
    const stroke = colour(e.strokeColor, '#1e1e1e');
    const fill = colour(e.backgroundColor, 'none') === 'transparent' ? 'none' : colour(e.backgroundColor, 'none');
    const sw = Math.min(20, Math.max(0.5, num(e.strokeWidth, 1)));
    const style = `stroke="${stroke}" fill="${fill}" stroke-width="${sw}"`;
    switch (e.type) {
      case 'ellipse':
        return `<ellipse cx="${x + w / 2}" cy="${y + h / 2}" rx="${Math.abs(w / 2)}" ry="${Math.abs(h / 2)}" ${style}/>`;
      case 'diamond':
        return `<polygon points="${x + w / 2},${y} ${x + w},${y + h / 2} ${x + w / 2},${y + h} ${x},${y + h / 2}" ${style}/>`;
      case 'text': {
        const size = Math.min(200, Math.max(4, num(e.fontSize, 20)));
        const lines = String(typeof e.text === 'string' ? e.text : '').split('\n');
        return `<text x="${x}" y="${y}" font-size="${size}" fill="${stroke}">${lines.map((l, i) => `<tspan x="${x}" dy="${i === 0 ? size : size * 1.25}">${esc(l)}</tspan>`).join('')}</text>`;
      }
      case 'line':
      case 'arrow':
      case 'freedraw': {
        const points = Array.isArray(e.points)
          ? (e.points as unknown[]).filter(
              (p): p is [number, number] => Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number',
            )
          : [];
        if (points.length < 2) return '';
        return `<polyline points="${points.map(([px, py]) => `${x + px},${y + py}`).join(' ')}" stroke="${stroke}" fill="none" stroke-width="${sw}"${e.type === 'arrow' ? ' marker-end="url(#arrow)"' : ''}/>`;
      }
      default:
        return `<rect x="${Math.min(x, x + w)}" y="${Math.min(y, y + h)}" width="${Math.abs(w)}" height="${Math.abs(h)}" ${style}/>`;
    }
  });
  const texts = shown.map((e) => (typeof e.text === 'string' ? e.text : '')).filter(Boolean);
  return `<svg class="board" role="img" viewBox="${vb}" xmlns="http://www.w3.org/2000/svg"><title>${esc(title)}${texts.length ? `: ${esc(texts.join(' · '))}` : ''}</title><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#1e1e1e"/></marker></defs>${parts.join('')}</svg>`;
}
