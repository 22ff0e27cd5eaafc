import { describe, expect, it } from 'vitest';
import { minimalPackFiles } from '../../tests/helpers/minimalPack';
import { deliveryGaps } from './deliveryChecks';
import { assemblePack, formatIssue, type ContentFile, type PackResult } from './pack';

const noAssets = new Set<string>();
const issues = (result: PackResult) => (result.ok ? [] : result.issues.map((i) => formatIssue(i)));
const glance = (words: number) => Array.from({ length: words }, (_, i) => `word${i}`).join(' ');

/** The minimal pack made deliverable: large-room variants (one with the break), at-a-glance blocks, guides, lesson notes. */
function deliverable(): ContentFile[] {
  const files = minimalPackFiles();
  const data = (path: string) => files.find((f) => f.path === path)!.data as Record<string, unknown>;
  const checklist = [{ tag: 'Names a silent failure', evidence: 'Says the service was green.', ifMissing: 'Ask what the dashboard showed.' }];
  Object.assign(data('phases/one.yaml'), {
    lookFors: checklist,
    largeRoom: {
      fromTeams: 8, summary: 'Join first.',
      steps: [{ minute: 0, minutes: 4, title: 'Doors open', does: 'Join.' }, { minute: 4, minutes: 6, title: 'Hook', does: 'Read.' }],
      cuts: [{ fromTeams: 8, cut: 'The second poll', saves: 2 }],
    },
  });
  Object.assign(data('phases/two.yaml'), {
    lookFors: checklist,
    largeRoom: {
      fromTeams: 8, summary: 'Break in the middle.',
      steps: [{ minute: 0, minutes: 10, title: 'Work', does: 'Work.' }, { minute: 10, minutes: 10, title: 'Break', does: 'Rest.', break: true }],
      cuts: [{ fromTeams: 8, cut: 'Half the reports', saves: 10 }],
    },
  });
  Object.assign(data('cases/case-a.yaml'), {
    atAGlance: glance(150),
    facilitatorGuide: { strongAnswers: ['A', 'B', 'C'], commonGaps: ['D'], stressTest: { scenario: 'E', goodResponse: ['F'] } },
  });
  Object.assign(data('lesson.yaml'), {
    scale: { teamsPerCoFacilitator: 6, staffing: 'One per six teams.', sizes: [{ label: 'Large', people: '40–60', teams: '12–15', plan: 'Circles.' }] },
    preWork: { intro: 'Before the day.', items: [{ title: 'Case', minutes: 10, what: 'Read it.', item: 'case-a' }], primerInSession: { minutes: 3, text: 'Models learn from data.' } },
    exitTicket: { change: 'C', question: 'Q', confidenceBefore: 'B', confidenceAfter: 'A', scale: { minLabel: 'Low', maxLabel: 'High' } },
    virtual: {
      remoteTimings: [{ phase: 'one', minutes: 10, changes: 'Breakouts.' }], preRecord: ['The hook'], asynchronous: ['Read'],
      hackathon: { brief: 'Build it.', schedule: ['Day 1'], deliverables: ['A canvas'], judging: 'The rubric.' },
    },
  });
  return files;
}

function gaps(files: ContentFile[]): string[] {
  const result = assemblePack(files, noAssets);
  if (!result.ok) return issues(result);
  return deliveryGaps(result.pack).map((i) => formatIssue(i));
}
function edit(files: ContentFile[], path: string, f: (d: Record<string, unknown>) => void): ContentFile[] {
  f(files.find((x) => x.path === path)!.data as Record<string, unknown>);
  return files;
}

describe('delivery rules (large rooms, less reading, case guides)', () => {
  it('accepts a deliverable pack and counts what it holds', () => {
    const result = assemblePack(deliverable(), noAssets);
    expect(issues(result)).toEqual([]);
    expect(gaps(deliverable())).toEqual([]);
    if (!result.ok) return;
    expect(result.summary).toMatchObject({ largeRoomVariants: 2, largeRoomBreakMinutes: 10, casesAtAGlance: 1, caseGuides: 1, exitTicket: 3, preWorkItems: 1 });
  });

  it("a small pack without the delivery fields is still a valid pack, but not a deliverable one", () => {
    expect(issues(assemblePack(minimalPackFiles(), noAssets))).toEqual([]);
    expect(gaps(minimalPackFiles())).toEqual(expect.arrayContaining([expect.stringMatching(/phases\/one\.yaml: largeRoom: missing/)]));
  });

  it("fails when a phase's large-room variant is missing", () => {
    const files = edit(deliverable(), 'phases/one.yaml', (d) => delete d.largeRoom);
    expect(gaps(files)).toEqual(['content/phases/one.yaml: largeRoom: missing: every phase needs its large-room variant (steps for 40–60 people and what to cut)']);
  });

  it("fails when a case's at-a-glance block or its guide is missing, or the block is far from 150 words", () => {
    expect(gaps(edit(deliverable(), 'cases/case-a.yaml', (d) => delete d.atAGlance))).toEqual([
      'content/cases/case-a.yaml: atAGlance: missing: every case needs a ~150-word at-a-glance block for the session',
    ]);
    expect(gaps(edit(deliverable(), 'cases/case-a.yaml', (d) => delete d.facilitatorGuide))).toEqual([
      'content/cases/case-a.yaml: facilitatorGuide: missing: every case needs an answer guide and a stress-test scenario',
    ]);
    // A schema error: the case is dropped from the pack, so references to it fail as well.
    expect(gaps(edit(deliverable(), 'cases/case-a.yaml', (d) => (d.atAGlance = glance(400))))).toContain(
      'content/cases/case-a.yaml: atAGlance: must be 100–200 words (about 150): it is what the room reads in the session',
    );
  });

  it("fails when a large-room variant's timings do not add up to its phase", () => {
    const gap = edit(deliverable(), 'phases/one.yaml', (d) => ((d.largeRoom as { steps: { minute: number }[] }).steps[1]!.minute = 5));
    expect(gaps(gap)).toContain('content/phases/one.yaml: largeRoom.steps[1].minute: is 5 but the previous steps end at minute 4');
    const long = edit(deliverable(), 'phases/one.yaml', (d) => ((d.largeRoom as { steps: { minutes: number }[] }).steps[1]!.minutes = 9));
    expect(gaps(long)).toEqual([
      'content/phases/one.yaml: largeRoom.steps: end at minute 13 but the phase lasts 10 minutes: cut or lengthen a step so the large room keeps to time',
    ]);
  });

  it('fails when the large-room plan has no 10-minute break', () => {
    const files = edit(deliverable(), 'phases/two.yaml', (d) => delete (d.largeRoom as { steps: { break?: boolean }[] }).steps[1]!.break);
    expect(gaps(files)).toEqual(['content/phases/: largeRoom.steps: the large-room plan has 0 minutes of break: it needs one 10-minute break, paid for by named cuts']);
  });

  it('checks the references of the delivery fields', () => {
    const files = edit(deliverable(), 'lesson.yaml', (d) => {
      (d.preWork as { items: { item: string }[] }).items[0]!.item = 'ghost';
      (d.virtual as { remoteTimings: { phase: string }[] }).remoteTimings[0]!.phase = 'three';
    });
    expect(gaps(files)).toEqual([
      'content/lesson.yaml: preWork.items[0].item: "ghost" is not the id of any case, resource or template in the pack',
      'content/lesson.yaml: virtual.remoteTimings[0].phase: "three" is not the id of any phase in the pack',
    ]);
  });
});

describe('the workshop pack (content/)', () => {
  it('is deliverable to a large room, and teams fill the one-page canvas, scored with a weighted critique criterion', async () => {
    const { loadContentDir } = await import('../../electron/host/contentLoader');
    const loaded = await loadContentDir('content');
    expect(loaded.ok ? [] : loaded.issues).toEqual([]);
    if (!loaded.ok) return;
    const { pack } = loaded;
    expect(deliveryGaps(pack)).toEqual([]);
    // The team editor, the Evaluate summary, the report and the learner export all use the first template.
    expect(pack.templates[0]?.id).toBe('strategy-canvas');
    expect(pack.templates[0]?.fullVersion).toBe('strategy-template');
    expect(pack.templates[0]?.sections.length).toBeLessThanOrEqual(6);
    const critique = pack.rubrics[0]?.criteria.find((c) => c.objectives?.length === 1 && c.objectives[0] === 'obj-critique-impact');
    expect(critique?.weight).toBeGreaterThanOrEqual(10);
    const elaborate = pack.cases.find((c) => c.kind === 'elaborate')?.id;
    const otherCase = (e: { case: string }) => e.case !== elaborate;
    expect(pack.templates[0]?.sections.some((s) => s.examples?.some(otherCase))).toBe(true);
    expect(pack.rubrics[0]?.criteria.some((c) => c.examples?.some(otherCase))).toBe(true);
  });
});
