/** Every route of the kit browser for a given pack: the pages the e2e run visits, screenshots and checks. */
import type { ContentPack } from '../../shared/content/schema';

export interface KitRoute {
  name: string;
  path: string;
}

export function kitRoutes(pack: ContentPack): KitRoute[] {
  const routes: KitRoute[] = [
    { name: 'home', path: '/' },
    { name: 'agenda', path: '/kit/agenda' },
    { name: 'lesson-plan', path: '/kit/lesson' },
    { name: 'concepts', path: '/kit/concepts' },
    { name: 'glossary', path: '/kit/glossary' },
    { name: 'cases', path: '/kit/cases' },
    { name: 'diagrams', path: '/kit/diagrams' },
    { name: 'tools', path: '/kit/tools' },
    { name: 'resources', path: '/kit/resources' },
    { name: 'polls', path: '/kit/polls' },
    { name: 'ethics', path: '/kit/ethics' },
    { name: 'roles', path: '/kit/roles' },
    { name: 'guide', path: '/kit/guide' },
    { name: 'handout', path: '/kit/handout' },
    { name: 'prework', path: '/kit/prework' },
    { name: 'lab', path: '/kit/lab' },
  ];
  const add = (kind: string, items: { id: string }[], base: string) =>
    items.forEach((i) => routes.push({ name: `${kind}-${i.id}`, path: `${base}/${i.id}` }));
  add('phase', pack.phases, '/kit/phases');
  add('concept', pack.concepts, '/kit/concepts');
  add('case', pack.cases, '/kit/cases');
  add('diagram', pack.diagrams, '/kit/diagrams');
  add('tool', pack.tools, '/kit/tools');
  add('resource', pack.resources, '/kit/resources');
  add('worksheet', pack.worksheets, '/kit/worksheets');
  add('template', pack.templates, '/kit/templates');
  add('rubric', pack.rubrics, '/kit/rubrics');
  add('ml-test-score', pack.mltestscore, '/kit/ml-test-score');
  for (const deck of pack.decks) {
    deck.slides.forEach((s, i) =>
      routes.push({ name: `slide-${deck.id}-${String(i + 1).padStart(2, '0')}-${s.id}`, path: `/kit/decks/${deck.id}/${s.id}` }),
    );
  }
  return routes;
}
