import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { inlineRuns, worksheetSeedUpdate } from './worksheetSeed';

const worksheet = {
  title: 'DevOps vs MLOps',
  dimensions: [
    { id: 'ws-a', dimension: 'Primary artifacts', prompt: 'What does the team **ship**?', devops: 'Code', mlops: 'Code and data', discussion: 'secret key' },
    { id: 'ws-b', dimension: 'Versioning', prompt: 'What is under `git`?', devops: 'Git', mlops: 'Git and DVC' },
  ],
};
const schema = getSchema([StarterKit]);
const asText = (doc: Y.Doc) => yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment('notes'), schema).textContent;

describe('worksheet seed for group notes', () => {
  it('is a valid TipTap document with every dimension and no answer key', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, worksheetSeedUpdate(worksheet, 'notes'));
    const root = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment('notes'), schema);
    root.check(); // throws if the structure breaks the schema
    const headings = [] as string[];
    root.descendants((n) => {
      if (n.type.name === 'heading') headings.push(`${n.attrs.level as number}:${n.textContent}`);
    });
    expect(headings).toEqual(['2:DevOps vs MLOps', '3:1. Primary artifacts', '3:2. Versioning']);
    const text = root.textContent;
    expect(text).toContain('What does the team ship?');
    expect(text).toContain('So what?');
    expect(text).not.toContain('Code and data');
    expect(text).not.toContain('secret key');
    let boldShip = false;
    root.descendants((n) => {
      if (n.isText && n.text === 'ship') boldShip = n.marks.some((m) => m.type.name === 'bold');
    });
    expect(boldShip).toBe(true);
    // Bullet labels are bold, and the space after them is not, so answers typed there are plain text.
    const firstItem = root.child(4).child(0).child(0); // heading, intro, heading, prompt, then the list
    expect(firstItem.textContent).toBe('DevOps: ');
    expect(firstItem.child(1).marks).toEqual([]);
  });

  it('appears once when several teammates apply it, in any order, and deletions stay deleted', () => {
    const seed = worksheetSeedUpdate(worksheet, 'notes');
    expect(worksheetSeedUpdate(worksheet, 'notes')).toEqual(seed);
    const ada = new Y.Doc();
    const bo = new Y.Doc();
    Y.applyUpdate(ada, seed);
    Y.applyUpdate(bo, seed);
    // Ada deletes the first dimension's heading; Bo applies the seed again; they sync both ways.
    const fragment = ada.getXmlFragment('notes');
    fragment.delete(2, 1);
    Y.applyUpdate(bo, worksheetSeedUpdate(worksheet, 'notes'));
    Y.applyUpdate(bo, Y.encodeStateAsUpdate(ada));
    Y.applyUpdate(ada, Y.encodeStateAsUpdate(bo));
    Y.applyUpdate(ada, seed);
    expect(asText(ada)).toBe(asText(bo));
    expect(asText(ada)).not.toContain('Primary artifacts');
    expect(asText(ada).match(/Versioning/g)).toHaveLength(1);
  });

  it('a changed worksheet seeds under another id, so it never corrupts an earlier seed', () => {
    const changed = { ...worksheet, title: 'DevOps vs MLOps (v2)' };
    const doc = new Y.Doc();
    Y.applyUpdate(doc, worksheetSeedUpdate(worksheet, 'notes'));
    Y.applyUpdate(doc, worksheetSeedUpdate(changed, 'notes'));
    expect(() => yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment('notes'), schema).check()).not.toThrow();
  });

  it('reads inline Markdown as marks', () => {
    expect(inlineRuns('a **b** *c* `d`')).toEqual([
      { text: 'a ', marks: {} },
      { text: 'b', marks: { bold: {} } },
      { text: ' ', marks: {} },
      { text: 'c', marks: { italic: {} } },
      { text: ' ', marks: {} },
      { text: 'd', marks: { code: {} } },
    ]);
  });
});
