/**
 * Owns: a whiteboard in words, for screen-reader users — the board's elements as a short list ("rectangle “Data
 * drift” in “Monitor”", "arrow from “Data source” to “Feature store”"), in reading order (rows top to bottom, then
 * left to right), with a count.
 *
 * Elements are untrusted (written by peers, possibly hostile): every field is read as `unknown` and checked, so null
 * entries, missing or wrongly typed fields and absurd lengths never throw and never make the work unbounded. Text is
 * cut short (at a word where it can) with its control characters removed; the list holds at most `items` entries
 * ("and N more"); only the first `scan` elements are indexed (labels, arrow ends, lanes) and at most `lanes` labelled
 * shapes are considered as lanes. Counting is one cheap pass over everything. Pure: renderer/src/team/TeamBoard.tsx
 * renders it beside the board, throttled.
 */

export interface BoardDescription {
  /** Elements a reader would count (not deleted; a container's label is part of its container). */
  total: number;
  /** One sentence per element, at most `limits.items`, in reading order. */
  items: string[];
  /** How many listed elements did not fit (`total - items.length`). */
  more: number;
}

export interface DescriptionLimits {
  items: number;
  text: number;
  scan: number;
  lanes: number;
}

export const DESCRIPTION_LIMITS: DescriptionLimits = { items: 100, text: 80, scan: 20_000, lanes: 200 };

type Rec = Record<string, unknown>;

const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const TYPE_NAMES: Record<string, string> = {
  rectangle: 'rectangle',
  ellipse: 'ellipse',
  diamond: 'diamond',
  arrow: 'arrow',
  line: 'line',
  freedraw: 'freehand drawing',
  text: 'text',
  image: 'picture',
  frame: 'frame',
  magicframe: 'frame',
  embeddable: 'embedded page',
  iframe: 'embedded page',
};
/** Shapes that can hold others (a lane, a column, a frame). */
const LANE_TYPES = new Set(['rectangle', 'ellipse', 'diamond', 'frame', 'magicframe']);

/** Text safe and short enough to read out: no control characters, runs of space collapsed, cut at a word. */
export function cleanText(value: unknown, max: number = DESCRIPTION_LIMITS.text): string {
  if (typeof value !== 'string') return '';
  // Bound the work first: never scan more than a few times what is kept.
  const head = value.slice(0, max * 4 + 8);
  const flat = head
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(flat);
  if (chars.length <= max && head.length === value.length) return flat;
  if (chars.length <= max) return `${flat}…`;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Points read to place a line, an arrow or a drawing (their box is their points' box, which may go left or up). */
const MAX_POINTS = 2_000;

function boxOf(el: Rec): Box | null {
  const x = num(el.x);
  const y = num(el.y);
  if (x === null || y === null) return null;
  if (Array.isArray(el.points) && el.points.length > 0 && el.points.length <= MAX_POINTS) {
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const p of el.points as unknown[]) {
      const px = Array.isArray(p) ? num(p[0]) : null;
      const py = Array.isArray(p) ? num(p[1]) : null;
      if (px === null || py === null) continue;
      [minX, minY, maxX, maxY] = [Math.min(minX, px), Math.min(minY, py), Math.max(maxX, px), Math.max(maxY, py)];
    }
    if (minX <= maxX) return { x: x + minX, y: y + minY, w: maxX - minX, h: maxY - minY };
  }
  const w = num(el.width) ?? 0;
  const h = num(el.height) ?? 0;
  // Negative sizes keep their box: normalise to the top-left corner.
  return { x: Math.min(x, x + w), y: Math.min(y, y + h), w: Math.abs(w), h: Math.abs(h) };
}

const inside = (a: Box, b: Box) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h && a.w * a.h < b.w * b.h;
const quote = (text: string) => `“${text}”`;

/** The board's elements in words (see the header). `elements`: a scene or a document's values, as they come. */
export function describeBoard(elements: unknown, limits: DescriptionLimits = DESCRIPTION_LIMITS): BoardDescription {
  if (!Array.isArray(elements)) return { total: 0, items: [], more: 0 };
  const live: Rec[] = [];
  for (const el of elements as unknown[]) {
    if (!isRecord(el) || el.isDeleted === true || typeof el.id !== 'string' || typeof el.type !== 'string') continue;
    live.push(el);
  }
  const byId = new Map<string, Rec>();
  const indexed = live.slice(0, limits.scan);
  for (const el of indexed) byId.set(el.id as string, el);

  // A text bound to a container that is there is the container's label, not an item of its own.
  const labels = new Map<string, string>();
  const isLabel = (el: Rec) => el.type === 'text' && typeof el.containerId === 'string' && byId.has(el.containerId);
  for (const el of indexed) {
    if (!isLabel(el)) continue;
    const text = cleanText(str(el.originalText) ?? el.text, limits.text);
    if (text && !labels.has(el.containerId as string)) labels.set(el.containerId as string, text);
  }
  let total = 0;
  for (const el of live) if (!isLabel(el)) total += 1;

  const nameOf = (el: Rec): string => {
    if (el.type === 'text') return cleanText(str(el.originalText) ?? el.text, limits.text);
    if (el.type === 'frame' || el.type === 'magicframe') return cleanText(el.name, limits.text) || labels.get(el.id as string) || '';
    return labels.get(el.id as string) ?? '';
  };
  const typeOf = (el: Rec) => TYPE_NAMES[el.type as string] ?? 'shape';
  const refer = (id: unknown): string | null => {
    const el = typeof id === 'string' ? byId.get(id) : undefined;
    if (!el) return null;
    const name = nameOf(el);
    return name ? quote(name) : `a ${typeOf(el)}`;
  };

  // Lanes: labelled shapes and named frames, the first `limits.lanes` of them.
  const lanes: { id: string; box: Box; name: string }[] = [];
  for (const el of indexed) {
    if (lanes.length >= limits.lanes) break;
    if (!LANE_TYPES.has(el.type as string)) continue;
    const box = boxOf(el);
    const name = nameOf(el);
    if (box && name && box.w > 0 && box.h > 0) lanes.push({ id: el.id as string, box, name });
  }
  const laneOf = (el: Rec, box: Box | null): string | null => {
    const frame = typeof el.frameId === 'string' ? byId.get(el.frameId) : undefined;
    if (frame) {
      const name = nameOf(frame);
      if (name) return name;
    }
    if (!box) return null;
    let best: { box: Box; name: string } | null = null;
    for (const lane of lanes) {
      if (lane.id === el.id || !inside(box, lane.box)) continue;
      if (!best || lane.box.w * lane.box.h < best.box.w * best.box.h) best = lane;
    }
    return best?.name ?? null;
  };

  const describe = (el: Rec, box: Box | null): string => {
    const type = typeOf(el);
    const name = nameOf(el);
    let text = name ? `${type} ${quote(name)}` : type;
    if (el.type === 'arrow' || el.type === 'line') {
      const from = isRecord(el.startBinding) ? refer(el.startBinding.elementId) : null;
      const to = isRecord(el.endBinding) ? refer(el.endBinding.elementId) : null;
      if (from && to) text += ` from ${from} to ${to}`;
      else if (from) text += ` from ${from}, other end free`;
      else if (to) text += ` to ${to}, other end free`;
      else if (el.type === 'arrow') text += ', not connected';
    }
    const lane = laneOf(el, box);
    if (lane) text += ` in ${quote(lane)}`;
    if (el.locked === true) text += ' (locked)';
    return text;
  };

  // Reading order over what was indexed: rows of 40 px top to bottom, then left to right; no position goes last.
  const listed = indexed
    .filter((el) => !isLabel(el))
    .map((el, order) => ({ el, box: boxOf(el), order }))
    .sort((a, b) => {
      if (!a.box || !b.box) return a.box ? -1 : b.box ? 1 : a.order - b.order;
      return Math.floor(a.box.y / 40) - Math.floor(b.box.y / 40) || a.box.x - b.box.x || a.order - b.order;
    });
  const items = listed.slice(0, Math.max(0, limits.items)).map(({ el, box }) => describe(el, box));
  return { total, items, more: total - items.length };
}

/** "12 items on the board" / "The board is empty." */
export function summarizeBoard(description: BoardDescription): string {
  if (description.total === 0) return 'The board is empty.';
  return `${description.total} item${description.total === 1 ? '' : 's'} on the board`;
}
