import { describe, expect, it } from 'vitest';
import { editedPack, minimalPackFiles } from '../../tests/helpers/minimalPack';
import { assemblePack, formatIssue, type PackResult } from './pack';

const noAssets = new Set<string>();
function issues(result: PackResult): string[] {
  return result.ok ? [] : result.issues.map((i) => formatIssue(i));
}

describe('assemblePack', () => {
  it('accepts a valid pack and counts what it holds', () => {
    const result = assemblePack(minimalPackFiles(), noAssets);
    expect(issues(result)).toEqual([]);
    if (!result.ok) return;
    expect(result.summary).toMatchObject({ phases: 2, minutes: 30, objectives: 1, concepts: 1, caseStudies: 1, tools: 1, polls: 1, runOfShowSteps: 2 });
  });

  it('names the file and the field of a schema error', () => {
    const result = assemblePack(editedPack('phases/one.yaml', (d) => (d.minutes = 'ten')), noAssets);
    expect(issues(result)).toContainEqual(expect.stringMatching(/^content\/phases\/one\.yaml: minutes: /));
  });

  it('checks board pieces: concepts resolve, shapes have sizes, text has text, ids are unique', () => {
    const files = minimalPackFiles();
    const library = {
      id: 'pieces',
      title: 'Pieces',
      description: 'D',
      pieces: [
        { id: 'p-a', name: 'A', description: 'D', concepts: ['drift'], shapes: [{ type: 'rectangle', x: 0, y: 0, width: 10, height: 10, label: 'A', fill: '#a5d8ff' }] },
        { id: 'p-b', name: 'B', description: 'D', concepts: ['ghost'], shapes: [{ type: 'ellipse', x: 0, y: 0 }, { type: 'text', x: 0, y: 0 }] },
        { id: 'p-a', name: 'C', description: 'D', shapes: [{ type: 'diamond', x: 0, y: 0, width: 5, height: 5, fill: 'blue' }] },
      ],
    };
    files.push({ path: 'libraries/pieces.yaml', data: library });
    expect(issues(assemblePack(files, noAssets)).sort()).toEqual([
      'content/libraries/pieces.yaml: pieces[2].id: "p-a" is used twice in this library',
      'content/libraries/pieces.yaml: pieces[1].shapes[0]: an ellipse needs a width and a height',
      'content/libraries/pieces.yaml: pieces[1].shapes[1].label: a text shape needs a label (its text)',
      'content/libraries/pieces.yaml: pieces[2].shapes[0].fill: a colour like "#a5d8ff" (or "transparent")',
    ].sort());
    library.pieces = library.pieces.slice(0, 2);
    library.pieces[1]!.shapes = [{ type: 'text', x: 0, y: 0, label: 'T' } as never];
    expect(issues(assemblePack(files, noAssets))).toEqual(['content/libraries/pieces.yaml: pieces[1].concepts[0]: "ghost" is not the id of any concept in the pack']);
    library.pieces[1]!.concepts = ['drift'];
    const ok = assemblePack(files, noAssets);
    expect(ok.ok && ok.summary.boardPieces).toBe(2);
  });

  it('rejects an unknown (misspelt) key', () => {
    const result = assemblePack(editedPack('concepts/drift.yaml', (d) => (d.pitfals = ['x'])), noAssets);
    expect(issues(result).join('\n')).toMatch(/concepts\/drift\.yaml.*pitfals/);
  });

  it('fails on a dangling reference and says which', () => {
    const result = assemblePack(editedPack('cases/case-a.yaml', (d) => (d.concepts = ['drift', 'feature-store'])), noAssets);
    expect(issues(result)).toEqual(['content/cases/case-a.yaml: concepts[1]: "feature-store" is not the id of any concept in the pack']);
  });

  it("fails when a slide's poll, a hint's concept or a phase resource is missing", () => {
    const files = minimalPackFiles();
    files.push({ path: 'decks/deck.yaml', data: { id: 'deck', title: 'D', phase: 'two', slides: [{ id: 's1', title: 'S', notes: 'N', poll: 'nope' }] } });
    files.push({
      path: 'templates/tpl.yaml',
      data: { id: 'tpl', title: 'T', intro: 'I', sections: [{ id: 'a', title: 'A', purpose: 'P', guidingQuestions: ['Q'], hints: [{ text: 'H', concept: 'ghost' }], exampleAnswer: 'E' }] },
    });
    const phase = files.find((f) => f.path === 'phases/two.yaml')!.data as { resources: string[] };
    phase.resources.push('missing-item');
    const all = issues(assemblePack(files, noAssets));
    expect(all).toContain('content/decks/deck.yaml: slides[0].poll: "nope" is not the id of any poll in the pack');
    expect(all).toContain('content/templates/tpl.yaml: sections[0].hints[0].concept: "ghost" is not the id of any concept in the pack');
    expect(all).toContain('content/phases/two.yaml: resources[1]: "missing-item" is not the id of any item in the pack');
  });

  it("fails when the phases do not add up to the lesson's duration", () => {
    const result = assemblePack(editedPack('phases/two.yaml', (d) => (d.minutes = 25)), noAssets);
    expect(issues(result)).toContain('content/lesson.yaml: durationMinutes: is 30 but the phases add up to 35 minutes (one 10, two 25)');
  });

  it('fails when a run-of-show does not tile its phase', () => {
    const gap = assemblePack(editedPack('phases/one.yaml', (d) => ((d.runOfShow as { minute: number }[])[1]!.minute = 5)), noAssets);
    expect(issues(gap)).toContain('content/phases/one.yaml: runOfShow[1].minute: is 5 but the previous steps end at minute 4');
    const short = assemblePack(editedPack('phases/one.yaml', (d) => ((d.runOfShow as { minutes: number }[])[1]!.minutes = 3)), noAssets);
    expect(issues(short)).toContain('content/phases/one.yaml: runOfShow: steps end at minute 7 but the phase lasts 10 minutes');
  });

  it('fails on a missing required section', () => {
    const noReflection = assemblePack(editedPack('lesson.yaml', (d) => delete d.reflection), noAssets);
    expect(issues(noReflection).join('\n')).toMatch(/^content\/lesson\.yaml: reflection: /m);
    const noLesson = assemblePack(minimalPackFiles().filter((f) => f.path !== 'lesson.yaml'), noAssets);
    expect(issues(noLesson)).toEqual(['content/lesson.yaml: missing: the pack needs a lesson.yaml at its root']);
  });

  it('fails when a phase file is not listed by the lesson, or an id does not match its file name', () => {
    const files = minimalPackFiles();
    (files.find((f) => f.path === 'phases/two.yaml')!.data as { id: string }).id = 'deux';
    const all = issues(assemblePack(files, noAssets));
    expect(all).toContain('content/phases/two.yaml: id: is "deux" but the file is named "two": make them the same');
    expect(all.some((m) => m.includes('does not list phase "deux"'))).toBe(true);
  });

  it('checks quizzes and rubrics for internal consistency', () => {
    const quiz = assemblePack(editedPack('polls/bank.yaml', (d) => ((d.polls as { correct: string[] }[])[0]!.correct = ['z'])), noAssets);
    expect(issues(quiz)).toContain(`content/polls/bank.yaml: polls[0].correct[0]: "z" is not one of this poll's option ids`);
    const files = minimalPackFiles();
    files.push({
      path: 'rubrics/r.yaml',
      data: {
        id: 'r', title: 'R', levels: [{ score: 1, label: 'Low' }, { score: 2, label: 'High' }],
        criteria: [{ id: 'c', title: 'C', description: 'D', weight: 90, descriptors: ['only one'] }],
      },
    });
    const all = issues(assemblePack(files, noAssets));
    expect(all).toContain('content/rubrics/r.yaml: criteria[0].descriptors: has 1 descriptors but the rubric has 2 levels');
    expect(all).toContain('content/rubrics/r.yaml: criteria: weights add up to 90, not 100');
  });

  it('requires the SVG file a diagram names', () => {
    const files = minimalPackFiles();
    files.push({ path: 'diagrams/loop.yaml', data: { id: 'loop', title: 'Loop', caption: 'C', file: 'loop.svg', alt: 'A loop' } });
    expect(issues(assemblePack(files, noAssets))).toContain('content/diagrams/loop.yaml: file: "loop.svg" is not a file in content/diagrams/');
    expect(issues(assemblePack(files, new Set(['diagrams/loop.svg'])))).toEqual([]);
  });

  it('rejects files outside the known folders', () => {
    const files = [...minimalPackFiles(), { path: 'misc/notes.yaml', data: {} }];
    expect(issues(assemblePack(files, noAssets))[0]).toMatch(/^content\/misc\/notes\.yaml: not a place for content/);
  });
});
