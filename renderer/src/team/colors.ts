/** A stable colour per person, for carets in the notes and pointers on the boards. */
const COLORS = ['#d9480f', '#2b8a3e', '#3451c6', '#7048e8', '#c2255c', '#0b7285', '#e67700'];

export function colorFor(id: string): string {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return COLORS[h % COLORS.length]!;
}
