/**
 * Every addressable item of the pack by id: its kind, title and route in the kit browser. Lets any page turn a
 * reference (a phase's resources, a run-of-show step's screen) into a link without knowing its kind.
 */
import type { ContentPack } from '../../../shared/content/schema';

export type ItemKind =
  | 'phase' | 'concept' | 'tool' | 'case' | 'deck' | 'diagram' | 'poll-bank' | 'poll'
  | 'template' | 'rubric' | 'worksheet' | 'resource' | 'ml-test-score' | 'ethics' | 'role' | 'board-pieces' | 'glossary';

export interface ItemRef {
  id: string;
  kind: ItemKind;
  title: string;
  route: string;
}

export type ItemIndex = ReadonlyMap<string, ItemRef>;

export const KIND_LABELS: Record<ItemKind, string> = {
  phase: 'Phase', concept: 'Concept', tool: 'Tool card', case: 'Case study', deck: 'Slides', diagram: 'Diagram',
  'poll-bank': 'Polls', poll: 'Poll', template: 'Template', rubric: 'Rubric', worksheet: 'Worksheet',
  resource: 'Resource', 'ml-test-score': 'Self-assessment', ethics: 'Ethics', role: 'Team role',
  'board-pieces': 'Board pieces', glossary: 'Glossary',
};

export function buildItemIndex(pack: ContentPack): ItemIndex {
  const index = new Map<string, ItemRef>();
  const add = (id: string, kind: ItemKind, title: string, route: string) => index.set(id, { id, kind, title, route });
  for (const p of pack.phases) add(p.id, 'phase', p.title, `/kit/phases/${p.id}`);
  for (const c of pack.concepts) add(c.id, 'concept', c.term, `/kit/concepts/${c.id}`);
  for (const t of pack.tools) add(t.id, 'tool', t.name, `/kit/tools/${t.id}`);
  for (const c of pack.cases) add(c.id, 'case', c.title, `/kit/cases/${c.id}`);
  for (const d of pack.decks) add(d.id, 'deck', d.title, `/kit/decks/${d.id}`);
  for (const d of pack.diagrams) add(d.id, 'diagram', d.title, `/kit/diagrams/${d.id}`);
  for (const b of pack.polls) {
    add(b.id, 'poll-bank', b.title, `/kit/polls#${b.id}`);
    for (const p of b.polls) add(p.id, 'poll', p.prompt.split('\n')[0] ?? p.id, `/kit/polls#${p.id}`);
  }
  for (const t of pack.templates) add(t.id, 'template', t.title, `/kit/templates/${t.id}`);
  for (const r of pack.rubrics) add(r.id, 'rubric', r.title, `/kit/rubrics/${r.id}`);
  for (const w of pack.worksheets) add(w.id, 'worksheet', w.title, `/kit/worksheets/${w.id}`);
  for (const r of pack.resources) add(r.id, 'resource', r.title, `/kit/resources/${r.id}`);
  for (const m of pack.mltestscore) add(m.id, 'ml-test-score', m.title, `/kit/ml-test-score/${m.id}`);
  for (const e of pack.ethics) add(e.id, 'ethics', e.title, `/kit/ethics#${e.id}`);
  for (const r of pack.roles) add(r.id, 'role', r.name, `/kit/roles#${r.id}`);
  for (const l of pack.libraries ?? []) add(l.id, 'board-pieces', l.title, `/kit/diagrams#${l.id}`);
  for (const g of pack.glossary ?? []) add(g.id, 'glossary', g.title, '/kit/glossary');
  return index;
}
