import { describe, expect, it } from 'vitest';
import { cleanText, describeBoard, summarizeBoard } from './boardDescription';

const rect = (id: string, x: number, y: number, w: number, h: number, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'rectangle',
  x,
  y,
  width: w,
  height: h,
  ...extra,
});
const label = (id: string, containerId: string, text: string, x = 0, y = 0) => ({
  id,
  type: 'text',
  x,
  y,
  width: 10,
  height: 10,
  text,
  originalText: text,
  containerId,
});

describe('describeBoard', () => {
  it('names shapes by their labels, arrows by their ends, and places items in their lane', () => {
    const d = describeBoard([
      rect('lane', 0, 0, 600, 400),
      label('lane-t', 'lane', 'Monitor'),
      rect('note', 40, 100, 160, 80, { backgroundColor: '#ffec99' }),
      label('note-t', 'note', 'Data drift'),
      rect('src', 700, 100, 160, 80),
      label('src-t', 'src', 'Data source'),
      {
        id: 'a1',
        type: 'arrow',
        x: 860,
        y: 140,
        width: -660,
        height: 0,
        startBinding: { elementId: 'src' },
        endBinding: { elementId: 'note' },
      },
      { id: 'a2', type: 'arrow', x: 900, y: 500, width: 50, height: 0 },
      { id: 't', type: 'text', x: 20, y: 450, width: 100, height: 20, text: 'Loose idea' },
      { id: 'gone', type: 'rectangle', x: 0, y: 0, width: 1, height: 1, isDeleted: true },
    ]);
    expect(d.total).toBe(6);
    expect(d.more).toBe(0);
    expect(d.items).toEqual([
      'rectangle “Monitor”',
      'rectangle “Data drift” in “Monitor”',
      'rectangle “Data source”',
      'arrow from “Data source” to “Data drift”',
      'text “Loose idea”',
      'arrow, not connected',
    ]);
    expect(summarizeBoard(d)).toBe('6 items on the board');
  });

  it('names unlabelled ends by type, frames by name, locked elements as locked', () => {
    const d = describeBoard([
      { id: 'f', type: 'frame', x: 0, y: 0, width: 500, height: 500, name: 'Challenges' },
      rect('r', 10, 60, 50, 50, { frameId: 'f', locked: true }),
      { id: 'e', type: 'ellipse', x: 300, y: 60, width: 50, height: 50 },
      {
        id: 'l',
        type: 'arrow',
        x: 60,
        y: 70,
        width: 240,
        height: 0,
        startBinding: { elementId: 'r' },
        endBinding: { elementId: 'missing' },
      },
    ]);
    expect(d.items).toEqual([
      'frame “Challenges”',
      'rectangle in “Challenges” (locked)',
      'arrow from a rectangle, other end free in “Challenges”',
      'ellipse in “Challenges”',
    ]);
  });

  it('places an arrow by its points (Excalidraw keeps x at its start, the points may go left)', () => {
    const d = describeBoard([
      rect('lane', 0, 0, 700, 420),
      label('lane-t', 'lane', 'Lane'),
      rect('src', 400, 120, 180, 80),
      label('src-t', 'src', 'Source'),
      {
        id: 'a',
        type: 'arrow',
        x: 400,
        y: 160,
        width: 180,
        height: 0,
        points: [
          [0, 0],
          [-180, 0],
        ],
        startBinding: { elementId: 'src' },
      },
    ]);
    expect(d.items).toContain('arrow from “Source”, other end free in “Lane”');
  });

  it('never throws on hostile input and keeps the work bounded', () => {
    const huge = 'A'.repeat(1_000_000);
    const hostile: unknown[] = [
      null,
      undefined,
      42,
      'text',
      [],
      { id: 5, type: 'rectangle' },
      { id: 'no-type' },
      { id: 'nan', type: 'rectangle', x: Number.NaN, y: 'top', width: {}, height: null },
      { id: 'long', type: 'text', x: 0, y: 0, text: huge },
      { id: 'ctl', type: 'text', x: 0, y: 50, text: 'bell\u0007 and\nnew\u202eline' },
      { id: 'odd', type: 'arrow', x: 0, y: 100, startBinding: 'x', endBinding: { elementId: { toString: 1 } } },
      { id: 'weird', type: '<script>', x: 0, y: 200 },
      label('orphan', 'nobody', 'Orphan label', 0, 300),
      { id: 'proto', type: 'rectangle', x: 0, y: 400, containerId: '__proto__', boundElements: 'nope' },
    ];
    expect(describeBoard(null)).toEqual({ total: 0, items: [], more: 0 });
    expect(describeBoard({ length: 3 })).toEqual({ total: 0, items: [], more: 0 });
    const d = describeBoard(hostile);
    expect(d.total).toBe(7);
    expect(d.items).toHaveLength(7);
    const long = d.items.find((i) => i.startsWith('text “AAA'))!;
    expect(long.length).toBeLessThan(100);
    expect(long).toMatch(/…”$/);
    expect(d.items).toContain('text “bell and new line”');
    expect(d.items).toContain('arrow, not connected');
    expect(d.items).toContain('shape');
    expect(d.items).toContain('text “Orphan label”');
    // No position goes last, in the order given.
    expect(d.items.at(-1)).toBe('rectangle');
  });

  it('caps the list and says how many more', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => rect(`r${i}`, (i % 50) * 100, Math.floor(i / 50) * 100, 50, 50));
    const d = describeBoard(many, { items: 100, text: 80, scan: 1_000, lanes: 10 });
    expect(d.total).toBe(5_000);
    expect(d.items).toHaveLength(100);
    expect(d.more).toBe(4_900);
  });

  it('keeps short text whole and cuts long text at a word', () => {
    expect(cleanText('  Data   drift ')).toBe('Data drift');
    expect(cleanText('one two three four', 12)).toBe('one two…');
    expect(cleanText(null)).toBe('');
    expect(summarizeBoard({ total: 1, items: ['x'], more: 0 })).toBe('1 item on the board');
    expect(summarizeBoard({ total: 0, items: [], more: 0 })).toBe('The board is empty.');
  });
});
