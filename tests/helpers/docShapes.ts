/**
 * Our document shapes, for the convergence fuzz (convergenceFuzz.ts): how to read a replica for an exact
 * comparison, and random edits of the kinds the app makes.
 *   session           Y.Maps meta (host), state (phase, pushed, blank, broadcast), polls, groups — the facilitator's
 *   roster, qa        host-written maps (presence; questions asked by command)
 *   board             Y.Map `elements`, one entry per Excalidraw element version, and Y.Map `files` (pictures), through
 *                     BoardSync (shared/sync/boardSync.ts):
 *                     team/<id>/board and room/brainstorm
 *   notes             Y.XmlFragment `notes` as TipTap writes it (paragraphs, headings, lists, marks), seeded with a
 *                     worksheet (shared/room/worksheetSeed.ts): team/<id>/notes
 *   text              Y.Text `text`: room/notes
 */
import * as Y from 'yjs';
import type { BoardElement } from '../../shared/room/elementMerge';
import { seededRandom, type Group } from '../../shared/room/groups';
import { worksheetSeedUpdate } from '../../shared/room/worksheetSeed';
import type { BoardSync } from '../../shared/sync/boardSync';

export interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** The repository's seeded generator (mulberry32, shared/room/groups.ts) with a few conveniences. */
export function rng(seed: number): Rng {
  const next = seededRandom(seed);
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: (items) => items[int(items.length)]!, chance: (p) => next() < p };
}

export type Shape = 'session' | 'roster' | 'qa' | 'board' | 'notes' | 'text';

const ROOTS: Record<Shape, Record<string, 'map' | 'text' | 'xml'>> = {
  session: { meta: 'map', state: 'map', polls: 'map', groups: 'map' },
  roster: { participants: 'map', facilitator: 'map' },
  qa: { questions: 'map' },
  board: { elements: 'map', files: 'map' },
  notes: { notes: 'xml' },
  text: { text: 'text' },
};

export function shapeOf(name: string): Shape {
  if (name === 'session' || name === 'roster' || name === 'qa') return name;
  if (name === 'room/notes') return 'text';
  if (name === 'room/brainstorm' || name.endsWith('/board')) return 'board';
  if (name.endsWith('/notes')) return 'notes';
  throw new Error(`no shape for document ${name}`);
}

/** The whole content of a replica, for an exact comparison (marks and attributes included), and unknown root types. */
export function readDoc(name: string, doc: Y.Doc): { content: Record<string, unknown>; unexpected: string[] } {
  const roots = ROOTS[shapeOf(name)];
  const content: Record<string, unknown> = {};
  for (const [key, kind] of Object.entries(roots)) {
    if (kind === 'map') content[key] = doc.getMap(key).toJSON();
    else if (kind === 'text') content[key] = doc.getText(key).toDelta();
    else content[key] = doc.getXmlFragment(key).toString();
  }
  return { content, unexpected: [...doc.share.keys()].filter((k) => !(k in roots)) };
}

const WORDS = ['data', 'drift', 'model', 'deploy', 'monitor', 'pipeline', 'feature', 'label', 'retrain', 'rollback', 'canary', 'metric'];
const PHASES = ['welcome', 'engage', 'explore', 'explain', 'elaborate', 'evaluate'];
const ROLES = ['scribe', 'presenter', 'skeptic', 'timekeeper'];
const words = (r: Rng, n: number) => Array.from({ length: n }, () => r.pick(WORDS)).join(' ');

/** The Explore worksheet every team's notes start from (applied by each teammate, as the editor does). */
export const NOTES_SEED = worksheetSeedUpdate(
  {
    title: 'DevOps vs MLOps',
    dimensions: [
      { id: 'ws-artifacts', dimension: 'Artifacts', prompt: 'What does the team **ship**?', devops: 'Code', mlops: 'Code, data and models' },
      { id: 'ws-testing', dimension: 'Testing', prompt: 'What is *tested* before release?', devops: 'Code', mlops: 'Code and data' },
    ],
  },
  'notes',
);

export interface EditContext {
  r: Rng;
  /** Unique per edit (element ids, texts). */
  tag: string;
  /** The writer's BoardSync over this document, for boards. */
  board?: BoardSync;
}

/** One random edit of the document's shape; returns a short label of what it did. */
export function randomEdit(name: string, doc: Y.Doc, ctx: EditContext): string {
  const shape = shapeOf(name);
  if (shape === 'session') return editSession(doc, ctx);
  if (shape === 'board') return editBoard(ctx);
  if (shape === 'notes') return editNotes(doc, ctx);
  if (shape === 'text') return editText(doc.getText('text'), ctx.r, ctx.tag);
  throw new Error(`${name} is not written by clients`);
}

function editSession(doc: Y.Doc, { r, tag }: EditContext): string {
  const state = doc.getMap('state');
  switch (r.int(6)) {
    case 0:
      state.set('phase', r.pick(PHASES));
      return 'phase';
    case 1:
      state.set('pushed', r.pick([null, { kind: 'qa' }, { kind: 'brainstorm' }, { kind: 'slide', deck: 'intro', slide: `s${r.int(9)}` }, { kind: 'team', teamId: 'team-1' }]));
      return 'pushed';
    case 2:
      doc.transact(() => {
        state.set('blank', r.chance(0.5));
        state.set('broadcast', r.chance(0.7) ? { text: `${words(r, 3)} ${tag}`, at: r.int(1e6) } : null);
      });
      return 'broadcast';
    case 3: {
      const id = `poll-${r.int(4)}`;
      const def = { id, kind: 'single', prompt: words(r, 4), options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] };
      doc.getMap('polls').set(id, { def, status: r.pick(['open', 'closed']), revealed: r.chance(0.5), anonymous: r.chance(0.5) });
      return 'poll';
    }
    case 4:
      state.delete(r.pick(['broadcast', 'blank', 'pushed', 'phase']));
      return 'unset';
    default: {
      // Names and roles only: membership decides who may write team documents, and it stays put here.
      const groups = doc.getMap<Group>('groups');
      const ids = [...groups.keys()].sort();
      if (ids.length === 0) return 'none';
      const id = r.pick(ids);
      const g = groups.get(id)!;
      groups.set(id, { ...g, name: `Team ${r.pick(WORDS)}`, roles: g.members.length ? { [r.pick(g.members)]: r.pick(ROLES) } : {} });
      return 'group';
    }
  }
}

function editBoard({ r, tag, board }: EditContext): string {
  if (!board) throw new Error('a board edit needs the writer’s BoardSync');
  const all = board.elements();
  const live = all.filter((e) => !e.isDeleted);
  const gone = all.filter((e) => e.isDeleted);
  const bump = (el: BoardElement, extra: Partial<BoardElement>): BoardElement => ({ ...el, ...extra, version: el.version + 1, versionNonce: r.int(2 ** 31) });
  const op = r.int(10);
  let changed: BoardElement;
  let label: string;
  if (op < 4 || live.length === 0) {
    changed = { id: `el-${tag}`, type: r.pick(['rectangle', 'ellipse', 'text']), version: 1, versionNonce: r.int(2 ** 31), isDeleted: false, x: r.int(1600), y: r.int(900), width: 40 + r.int(200), height: 40 + r.int(120), text: words(r, 2) };
    label = 'add';
  } else if (op < 8) {
    changed = bump(r.pick(live), { x: r.int(1600), y: r.int(900) });
    label = 'move';
  } else if (op < 9 || gone.length === 0) {
    changed = bump(r.pick(live), { isDeleted: true });
    label = 'delete';
  } else {
    changed = bump(r.pick(gone), { isDeleted: false });
    label = 'restore';
  }
  board.pushLocal([changed]);
  return label;
}

function editNotes(doc: Y.Doc, { r, tag }: EditContext): string {
  const notes = doc.getXmlFragment('notes');
  const texts = [...notes.createTreeWalker((n) => n instanceof Y.XmlText)] as Y.XmlText[];
  const op = r.int(12);
  if (op === 0) {
    Y.applyUpdate(doc, NOTES_SEED); // the editor mounting again: usually nothing new
    return 'seed';
  }
  if (op <= 2 || texts.length === 0) {
    const text = new Y.XmlText();
    text.insert(0, `${words(r, 2)} ${tag}`, r.chance(0.3) ? { bold: {} } : {});
    const node = r.chance(0.2) ? new Y.XmlElement('heading') : new Y.XmlElement('paragraph');
    if (node.nodeName === 'heading') node.setAttribute('level', String(2 + r.int(2)));
    node.insert(0, [text]);
    notes.insert(r.int(notes.length + 1), [node]);
    return 'paragraph';
  }
  if (op === 11) {
    notes.delete(r.int(notes.length), 1);
    return 'remove';
  }
  return editText(r.pick(texts), r, tag);
}

/** Typing, deleting or formatting in a (rich) text. */
function editText(text: Y.Text, r: Rng, tag: string): string {
  const op = r.int(10);
  if (op < 6 || text.length === 0) {
    text.insert(r.int(text.length + 1), `${r.pick(WORDS)}${tag} `, r.chance(0.2) ? { italic: {} } : undefined);
    return 'type';
  }
  const at = r.int(text.length);
  const len = 1 + r.int(Math.min(12, text.length - at));
  if (op < 9) {
    text.delete(at, len);
    return 'erase';
  }
  text.format(at, len, { bold: r.chance(0.5) ? {} : null });
  return 'format';
}

/** A fresh seeded source for one purpose of a run (so adding draws to one purpose does not shift another). */
export function subRng(seed: number, purpose: number): Rng {
  return rng(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + purpose * 0x27d4eb2d);
}
