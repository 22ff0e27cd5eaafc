/**
 * The starting document of a group's notes: the Explore comparison worksheet from the content, as rich text
 * (a Yjs XML fragment in the shape TipTap's StarterKit and y-prosemirror use: heading, paragraph, bulletList,
 * listItem; marks bold, italic, code).
 *
 * Seeding without a race: the seed is built in a scratch document with a fixed client id derived from its
 * content, so every device builds byte-identical items. Each teammate (online or not) applies it before the
 * editor opens; Yjs recognises items it already has, so the worksheet appears once however many apply it, and
 * text a team deleted stays deleted. Only the prompts go in: the worksheet's DevOps/MLOps answers are the
 * facilitator's key.
 */
import * as Y from 'yjs';
import type { Worksheet } from '../content/schema';

type Marks = Record<string, Record<string, never>>;
interface Run {
  text: string;
  marks: Marks;
}

/** Inline Markdown to runs: **bold**, *italic*, `code`; everything else is plain text. */
export function inlineRuns(markdown: string, base: Marks = {}): Run[] {
  const runs: Run[] = [];
  const text = markdown.replace(/\s+/g, ' ').trim();
  const pattern = /\*\*([^*]+)\*\*|\*([^*]+)\*|`([^`]+)`/g;
  let last = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m.index > last) runs.push({ text: text.slice(last, m.index), marks: base });
    if (m[1] !== undefined) runs.push({ text: m[1], marks: { ...base, bold: {} } });
    else if (m[2] !== undefined) runs.push({ text: m[2], marks: { ...base, italic: {} } });
    else runs.push({ text: m[3]!, marks: { code: {} } }); // TipTap's code mark excludes every other mark
    last = m.index + m[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last), marks: base });
  return runs;
}

function textNode(runs: Run[]): Y.XmlText {
  const text = new Y.XmlText();
  let at = 0;
  for (const run of runs) {
    text.insert(at, run.text, Object.keys(run.marks).length ? run.marks : {});
    at += run.text.length;
  }
  return text;
}

function element(name: string, children: (Y.XmlElement | Y.XmlText)[], attrs: Record<string, unknown> = {}): Y.XmlElement {
  const el = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v as string);
  el.insert(0, children);
  return el;
}

const paragraph = (runs: Run[]) => element('paragraph', runs.length ? [textNode(runs)] : []);
const heading = (level: number, text: string) => element('heading', [textNode([{ text, marks: {} }])], { level });
/** A bold label, then a plain space, so what a learner types after it is not bold. */
const bullet = (label: string) => element('listItem', [paragraph([{ text: label, marks: { bold: {} } }, { text: ' ', marks: {} }])]);

/** Bump when the seed's structure changes: a new layout must not reuse the item ids of an earlier one. */
const SEED_FORMAT = 2;

/** A 32-bit id from the seed's source, so a changed worksheet never collides with an earlier seed's items. */
function seedClientId(source: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < source.length; i++) h = Math.imul(h ^ source.charCodeAt(i), 0x01000193);
  return (h >>> 0) || 1;
}

/** The worksheet as a Yjs update for `field` of a notes document: deterministic, safe to apply any number of times. */
export function worksheetSeedUpdate(worksheet: Pick<Worksheet, 'title' | 'dimensions'>, field: string): Uint8Array {
  const source = JSON.stringify([SEED_FORMAT, field, worksheet.title, worksheet.dimensions.map((d) => [d.dimension, d.prompt])]);
  const doc = new Y.Doc({ gc: false });
  doc.clientID = seedClientId(source);
  const fragment = doc.getXmlFragment(field);
  doc.transact(() => {
    const nodes: Y.XmlElement[] = [
      heading(2, worksheet.title),
      paragraph(inlineRuns('For each dimension, write what it looks like in **DevOps**, what changes in **MLOps**, and **so what**: one practice or tool that handles the difference.')),
    ];
    worksheet.dimensions.forEach((d, i) => {
      nodes.push(heading(3, `${i + 1}. ${d.dimension}`));
      nodes.push(paragraph(inlineRuns(d.prompt, { italic: {} })));
      nodes.push(element('bulletList', [bullet('DevOps:'), bullet('MLOps:'), bullet('So what?')]));
    });
    fragment.insert(0, nodes);
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
