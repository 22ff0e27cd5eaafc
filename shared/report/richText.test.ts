import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clampRich, hasText, richFromDoc, richFromFragment, richHtml, richText } from './richText';

/** Builds a field the way TipTap's Collaboration extension writes it (y-prosemirror: node names, marks as attributes). */
function el(name: string, kids: (Y.XmlElement | Y.XmlText)[], attrs: Record<string, unknown> = {}): Y.XmlElement {
  const e = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v as string);
  e.insert(0, kids);
  return e;
}
function txt(parts: [string, Record<string, unknown>?][]): Y.XmlText {
  const t = new Y.XmlText();
  let at = 0;
  for (const [s, a] of parts) {
    t.insert(at, s, a ?? {});
    at += s.length;
  }
  return t;
}
function field(doc: Y.Doc, name: string, blocks: Y.XmlElement[]): Y.XmlFragment {
  const f = doc.getXmlFragment(name);
  f.insert(0, blocks);
  return f;
}

describe('rich text from a TipTap field', () => {
  it('keeps structure and marks as allowed tags, escapes text, drops attributes', () => {
    const doc = new Y.Doc();
    const f = field(doc, 'strategy-x', [
      el('heading', [txt([['Goals']])], { level: 2 }),
      el('paragraph', [
        txt([['Ship '], ['weekly', { bold: {} }], [' with '], ['care', { italic: {}, link: { href: 'javascript:alert(1)' } }]]),
      ]),
      el('bulletList', [
        el('listItem', [el('paragraph', [txt([['Registry']])])]),
        el('listItem', [el('paragraph', [txt([['Drift <alerts>']])])]),
      ]),
      el('paragraph', [txt([['<script>alert("x")</script>']])]),
      el('image', [], { src: 'http://evil.example/x.png', onerror: 'alert(1)' }),
    ]);
    const nodes = richFromFragment(f);
    const html = richHtml(nodes);
    expect(html).toBe(
      '<h4>Goals</h4><p>Ship <strong>weekly</strong> with <em>care</em></p><ul><li><p>Registry</p></li><li><p>Drift &lt;alerts&gt;</p></li></ul><p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p><p></p>',
    );
    expect(html).not.toMatch(/javascript|evil|onerror|href|src=/);
    expect(richText(nodes)).toBe('Goals\nShip weekly with care\nRegistry\n\nDrift <alerts>\n\n<script>alert("x")</script>');
    expect(hasText(nodes)).toBe(true);
  });

  it('reads nothing (and creates nothing) for a missing document or field; empty paragraphs have no text', () => {
    const doc = new Y.Doc();
    expect(richFromDoc(undefined, 'a')).toEqual([]);
    expect(richFromDoc(doc, 'a')).toEqual([]);
    expect(doc.share.has('a')).toBe(false);
    field(doc, 'b', [el('paragraph', []), el('horizontalRule', [])]);
    expect(hasText(richFromDoc(doc, 'b'))).toBe(false);
  });

  it('reads a field from an update (as the host and a fresh page do) and survives crafted nesting', () => {
    const source = new Y.Doc();
    let deep = el('paragraph', [txt([['bottom']])]);
    for (let i = 0; i < 200; i++) deep = el('blockquote', [deep]);
    field(source, 'f', [deep]);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
    const nodes = richFromDoc(copy, 'f');
    expect(richText(nodes)).toBe('bottom');
    expect(richHtml(nodes).match(/<blockquote>/g)!.length).toBeLessThanOrEqual(25);
  });

  it('clamps long text with a visible ellipsis at a word end and leaves short text alone', () => {
    const doc = new Y.Doc();
    const long = 'word '.repeat(100).trim();
    const f = field(doc, 'f', [el('paragraph', [txt([['Intro']])]), el('paragraph', [txt([[long]])]), el('paragraph', [txt([['after']])])]);
    const nodes = richFromFragment(f);
    const cut = clampRich(nodes, 40);
    expect(cut.clamped).toBe(true);
    const text = richText(cut.nodes);
    expect(text.endsWith('word…')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(42);
    expect(text).not.toContain('after');
    expect(clampRich(nodes, 10_000)).toEqual({ nodes, clamped: false });
  });
});
