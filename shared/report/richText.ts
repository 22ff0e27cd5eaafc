/**
 * Rich text read out of a document, for pages that show it without an editor (the one-page strategy summary, the
 * session report, a learner's export). A TipTap (ProseMirror) field lives in Yjs as a Y.XmlFragment: elements named
 * after the node types (paragraph, heading, bulletList, listItem, …) and Y.XmlText whose delta carries the marks
 * (bold, italic, code, …) as attributes.
 *
 * Owns: which node types and marks are shown and as what — a small tree of allowed tags (RichNode); anything else
 * keeps its text and loses its markup — and turning that tree into escaped HTML, plain text, or a shorter tree cut
 * with a visible "…". The document is untrusted: nothing read from it becomes a tag name or an attribute (a link
 * keeps its text, never its href), text is escaped, and nesting is bounded. DOM-free: runs in the host and the browser.
 */
import * as Y from 'yjs';
import { esc } from './reportSvg';

export type RichTag = 'p' | 'h3' | 'h4' | 'h5' | 'ul' | 'ol' | 'li' | 'blockquote' | 'pre' | 'hr' | 'br';
export type RichMark = 'strong' | 'em' | 'code' | 's' | 'u';
export type RichNode = { tag: RichTag; children: RichNode[] } | { text: string; marks: RichMark[] };

const BLOCKS: Record<string, RichTag> = {
  paragraph: 'p',
  bulletList: 'ul',
  orderedList: 'ol',
  listItem: 'li',
  blockquote: 'blockquote',
  codeBlock: 'pre',
  horizontalRule: 'hr',
  hardBreak: 'br',
};
const MARKS: Record<string, RichMark> = { bold: 'strong', italic: 'em', code: 'code', strike: 's', underline: 'u' };
/** Deeper than this, an element's text is kept flat (a crafted document must not exhaust the stack). */
const MAX_DEPTH = 24;
const VOID: ReadonlySet<RichTag> = new Set(['hr', 'br']);

const isText = (node: RichNode): node is { text: string; marks: RichMark[] } => 'text' in node;

function headingTag(level: unknown): RichTag {
  const n = Number(level);
  return n <= 1 ? 'h3' : n === 2 ? 'h4' : 'h5';
}

function textNodes(text: Y.XmlText): RichNode[] {
  const out: RichNode[] = [];
  for (const op of text.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== 'string' || op.insert === '') continue;
    const marks = Object.keys(op.attributes ?? {})
      .map((k) => MARKS[k])
      .filter((m): m is RichMark => m !== undefined);
    out.push({ text: op.insert, marks });
  }
  return out;
}

function flatText(node: Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText)
    return textNodes(node)
      .map((n) => (isText(n) ? n.text : ''))
      .join('');
  return node
    .toArray()
    .filter((c): c is Y.XmlElement | Y.XmlText => c instanceof Y.XmlElement || c instanceof Y.XmlText)
    .map(flatText)
    .join(' ');
}

function children(parent: Y.XmlFragment | Y.XmlElement, depth: number): RichNode[] {
  const out: RichNode[] = [];
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) out.push(...textNodes(child));
    else if (child instanceof Y.XmlElement) {
      const name = child.nodeName;
      const tag = name === 'heading' ? headingTag(child.getAttribute('level')) : (BLOCKS[name] ?? 'p');
      if (VOID.has(tag)) out.push({ tag, children: [] });
      else if (depth >= MAX_DEPTH) out.push({ tag: 'p', children: [{ text: flatText(child), marks: [] }] });
      else out.push({ tag, children: children(child, depth + 1) });
    }
  }
  return out;
}

/** A rich-text field as a tree of allowed tags. */
export function richFromFragment(fragment: Y.XmlFragment): RichNode[] {
  return children(fragment, 0);
}

/** A field of a document (nothing when the document or the field does not exist: reading never creates it). */
export function richFromDoc(doc: Y.Doc | undefined, field: string): RichNode[] {
  if (!doc || !doc.share.has(field)) return [];
  return richFromFragment(doc.getXmlFragment(field));
}

const BLOCK_END: ReadonlySet<RichTag> = new Set(['p', 'h3', 'h4', 'h5', 'li', 'pre', 'blockquote', 'hr']);

/** Plain text: blocks end with a line break, at most one empty line in a row, trimmed. */
export function richText(nodes: readonly RichNode[]): string {
  const walk = (list: readonly RichNode[]): string =>
    list.map((n) => (isText(n) ? n.text : n.tag === 'br' ? '\n' : `${walk(n.children)}${BLOCK_END.has(n.tag) ? '\n' : ''}`)).join('');
  return walk(nodes)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Whether there is any text (not only empty paragraphs or rules). */
export function hasText(nodes: readonly RichNode[]): boolean {
  return richText(nodes).trim().length > 0;
}

/** Escaped HTML of the tree (tags from the allow-list only, no attributes). */
export function richHtml(nodes: readonly RichNode[]): string {
  return nodes
    .map((n) => {
      if (isText(n)) return n.marks.reduce((inner, m) => `<${m}>${inner}</${m}>`, esc(n.text));
      if (VOID.has(n.tag)) return `<${n.tag}>`;
      return `<${n.tag}>${richHtml(n.children)}</${n.tag}>`;
    })
    .join('');
}

/**
 * The tree cut after about `maxChars` characters of text (at a word end when one is near), ending in "…", with empty
 * blocks after the cut left out. `clamped` says whether anything was cut.
 */
export function clampRich(nodes: readonly RichNode[], maxChars: number): { nodes: RichNode[]; clamped: boolean } {
  let left = Math.max(1, maxChars);
  let clamped = false;
  const walk = (list: readonly RichNode[]): RichNode[] => {
    const out: RichNode[] = [];
    for (const n of list) {
      if (clamped) break;
      if (isText(n)) {
        if (n.text.length <= left) {
          left -= n.text.length;
          out.push(n);
          continue;
        }
        let cut = n.text.slice(0, left);
        const space = cut.search(/\s\S*$/);
        if (space > left * 0.7) cut = cut.slice(0, space);
        out.push({ text: `${cut.trimEnd()}…`, marks: n.marks });
        clamped = true;
        left = 0;
        continue;
      }
      if (VOID.has(n.tag)) {
        out.push(n);
        continue;
      }
      const kids = walk(n.children);
      if (kids.length > 0 || !clamped) out.push({ tag: n.tag, children: kids });
    }
    return out;
  };
  const result = walk(nodes);
  return { nodes: result, clamped };
}
