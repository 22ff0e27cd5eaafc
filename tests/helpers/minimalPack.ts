/**
 * A small, valid content pack as parsed files, for tests that need a pack they can break one field at a time.
 * Two phases of 10 + 20 minutes in a 30-minute lesson, one concept, one case, one tool, one poll bank.
 */
import type { ContentFile } from '../../shared/content/pack';

export function minimalPackFiles(): ContentFile[] {
  return [
    {
      path: 'lesson.yaml',
      data: {
        id: 'mini', title: 'Mini lesson', durationMinutes: 30, audience: 'Testers',
        objectives: [{ id: 'obj-a', text: 'Analyze things', bloom: 'Analyzing' }],
        keyConcepts: ['drift'], priorKnowledge: ['Reading'], materials: ['A laptop'], phases: ['one', 'two'],
        assessment: [{ id: 'formative', kind: 'formative', method: 'Watch', alignment: 'Concepts', objectives: ['obj-a'] }],
        differentiation: [{ id: 'novices', audience: 'Novices', strategies: ['Pair up'] }],
        crossDisciplinary: ['Law'], realWorldApplications: [{ text: 'Fraud', case: 'case-a' }], metacognition: ['Think'],
        extensionActivities: ['Build'], safety: ['Privacy'], reflection: { learners: ['What?'], facilitator: ['How?'] },
        virtualAdaptations: ['Breakouts'], additionalResources: [],
      },
    },
    {
      path: 'phases/one.yaml',
      data: {
        id: 'one', title: 'One', minutes: 10, goal: 'Start', facilitatorActions: ['Open'], learnerActivities: ['Listen'],
        resources: ['case-a'], differentiation: [], technologyIntegration: [],
        runOfShow: [
          { minute: 0, minutes: 4, title: 'Hook', screen: 'case-a' },
          { minute: 4, minutes: 6, title: 'Discuss' },
        ],
      },
    },
    {
      path: 'phases/two.yaml',
      data: { id: 'two', title: 'Two', minutes: 20, goal: 'Go on', facilitatorActions: ['Lead'], learnerActivities: ['Do'], resources: ['bank'], differentiation: [], technologyIntegration: [] },
    },
    {
      path: 'concepts/drift.yaml',
      data: {
        id: 'drift', term: 'Model drift', oneLiner: 'Models get worse.', whatItIs: 'Change.', whyMl: 'Data moves.',
        example: { case: 'case-a', text: 'It drifted.' }, pitfalls: ['Ignoring it'], tools: ['tool-a'],
      },
    },
    { path: 'tools/tool-a.yaml', data: { id: 'tool-a', name: 'Tool A', category: 'Monitoring', whatItDoes: 'Watches.', whereItFits: 'After deploy.', concepts: ['drift'] } },
    {
      path: 'cases/case-a.yaml',
      data: {
        id: 'case-a', title: 'Case A', kind: 'engage', domain: 'Retail', summary: 'A shop.', body: 'Text.', facts: [],
        constraints: ['Budget'], discussionQuestions: ['Why?'], concepts: ['drift'],
      },
    },
    {
      path: 'polls/bank.yaml',
      data: {
        id: 'bank', title: 'Polls', phase: 'two',
        polls: [{ id: 'q1', kind: 'quiz', prompt: 'Which?', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }], correct: ['a'], explanation: 'Because.' }],
      },
    },
  ];
}

/** Applies `edit` to the data of the file at `path` (a deep copy of the minimal pack). */
export function editedPack(path: string, edit: (data: Record<string, unknown>) => void): ContentFile[] {
  const files = structuredClone(minimalPackFiles());
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path} in the minimal pack`);
  edit(file.data as Record<string, unknown>);
  return files;
}
