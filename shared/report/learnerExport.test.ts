import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { tallyTeam } from '../room/rubricScores';
import { BoardSync } from '../sync/boardSync';
import { buildLearnerExport, type LearnerExportContent, type LearnerExportInput } from './learnerExport';

/** The parts of the content pack the export reads (the real pack's shapes, trimmed). */
const content = {
  phases: [
    { id: 'explore', title: 'Explore', journalPrompts: ['What **surprised** you?'] },
    { id: 'evaluate', title: 'Evaluate', journalPrompts: ['One practice you will try'] },
  ],
  lesson: {
    phases: ['explore', 'evaluate'],
    reflection: { learners: ['What will you read next?'], facilitator: ['x'] },
    exitTicket: {
      change: 'One thing I will change at work',
      question: 'One question I still have',
      confidenceBefore: 'Before',
      confidenceAfter: 'After',
      scale: { minLabel: 'low', maxLabel: 'high' },
    },
  },
  templates: [
    {
      id: 'strategy-template',
      sections: [
        { id: 's-framing', title: '1. Problem framing' },
        { id: 's-data', title: '2. Data management' },
        { id: 's-roadmap', title: '10. Roadmap and risks' },
      ],
    },
  ],
  rubrics: [
    {
      id: 'rubric',
      levels: [
        { score: 1, label: 'Beginning' },
        { score: 2, label: 'Developing' },
        { score: 3, label: 'Proficient' },
        { score: 4, label: 'Exemplary' },
      ],
      criteria: [
        { id: 'c-depth', title: 'Depth', weight: 60 },
        { id: 'c-clarity', title: 'Clarity', weight: 40 },
      ],
    },
  ],
  mltestscore: [
    {
      categories: [
        { id: 'data', name: 'Data', tests: [{ id: 'd1' }] },
        { id: 'model', name: 'Model', tests: [{ id: 'm1' }] },
      ],
      interpretation: [
        { minScore: 0, label: 'More of a research project', meaning: '' },
        { minScore: 1, label: 'Not totally untested', meaning: '' },
      ],
    },
  ],
} as unknown as LearnerExportContent;

const HOSTILE = '<script>document.title="pwned"</script><img src=x onerror=alert(1)>';

function paragraph(doc: Y.Doc, field: string, text: string): void {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(field).insert(0, [p]);
}

function input(overrides: Partial<LearnerExportInput> = {}): LearnerExportInput {
  const strategy = new Y.Doc();
  paragraph(strategy, 's-framing', `Forecast demand daily ${HOSTILE}`);
  paragraph(strategy, 's-roadmap', 'Registry first, then monitoring');
  const board = new Y.Doc();
  new BoardSync(board).pushLocal([
    { id: 't1', type: 'text', version: 1, versionNonce: 1, x: 0, y: 0, width: 90, height: 20, text: `Feature store ${HOSTILE}` },
  ]);
  const mltestscore = new Y.Doc();
  mltestscore.getMap('marks').set('d1', 1);
  mltestscore.getMap('marks').set('m1', 0.5);
  const journal = new Y.Doc();
  journal.getText('evaluate:0').insert(0, `Version the inputs ${HOSTILE}`);
  journal.getText('after:0').insert(0, 'Designing ML Systems');
  journal.getMap('exit').set('ticket', { change: 'Add a validation gate', question: 'Monitoring without labels?', before: 2, after: 4 });
  const spec = {
    id: 'rubric',
    levels: [1, 2, 3, 4],
    criteria: [
      { id: 'c-depth', weight: 60 },
      { id: 'c-clarity', weight: 40 },
    ],
  };
  const tally = new Y.Doc();
  tally
    .getMap('tally')
    .set('result', tallyTeam(spec, [{ levels: { 'c-depth': 3, 'c-clarity': 4 } }], { levels: { 'c-depth': 4, 'c-clarity': 4 } }));
  const feedback = new Y.Doc();
  feedback.getMap('items').set('a', { from: 'peer', strength: `Clear rollback plan ${HOSTILE}`, question: 'Who owns drift?' });
  return {
    learnerName: 'Ada <b>Lovelace</b>',
    sessionTitle: 'MLOps workshop',
    exportedAt: '2026-11-29T12:05:00.000Z',
    team: { id: 'red', name: 'Red', caseTitle: 'VoltGrid' },
    docs: { strategy, board, mltestscore, journal, tally, feedback },
    revealed: true,
    ...overrides,
  };
}

describe("a learner's export (pure)", () => {
  it('shows every part: name, session, strategy sections with text, board, ML Test Score, journal, exit ticket, scores', () => {
    const html = buildLearnerExport(input(), content);
    expect(html).toContain('<h1>Ada &lt;b&gt;Lovelace&lt;/b&gt;: my work</h1>');
    expect(html).toContain('MLOps workshop · team Red');
    expect(html).toContain('Case: VoltGrid');
    expect(html).toContain('<h3>1. Problem framing</h3><div class="rich"><p>Forecast demand daily');
    expect(html).toContain('<h3>10. Roadmap and risks</h3><div class="rich"><p>Registry first, then monitoring</p></div>');
    expect(html).toContain('Not filled: 2. Data management');
    expect(html).toMatch(/<svg class="board"[^>]*>.*Feature store/);
    expect(html).toMatch(/Final score <strong>0\.5<\/strong>/);
    expect(html).toContain('<h3>Evaluate</h3><h4>One practice you will try</h4><div class="text">Version the inputs');
    expect(html).toContain('<h3>After the workshop</h3><h4>What will you read next?</h4><div class="text">Designing ML Systems</div>');
    expect(html).not.toContain('What surprised you?'); // unanswered prompts are left out
    expect(html).toContain('Add a validation gate');
    expect(html).toContain('Confidence before: <strong>2</strong>, after: <strong>4</strong>');
    expect(html).toContain('Weighted total: peers <strong>');
    expect(html).toContain('<li>Who owns drift?</li>');
  });

  it('escapes hostile text everywhere: no script, no element and no request comes out of a document', () => {
    const html = buildLearnerExport(input(), content);
    // Text is escaped, so every "<" left opens a tag the builder wrote: none is a script, image, frame or link, and
    // none carries an event handler or a source.
    const tags = [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)];
    expect(
      tags.map((t) => t[1]!.toLowerCase()).filter((name) => ['script', 'img', 'iframe', 'link', 'object', 'embed', 'a'].includes(name)),
    ).toEqual([]);
    expect(tags.map((t) => t[2]!).filter((attrs) => /\s(on\w+|src|href)\s*=/i.test(attrs))).toEqual([]);
    expect(html.split('&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;').length - 1).toBe(5);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/url\(|@import/i);
  });

  it('says what is not there: scores not revealed, no team, empty documents', () => {
    const hidden = buildLearnerExport(input({ revealed: false, docs: {} }), content);
    expect(hidden).toContain('Not revealed yet');
    expect(hidden).not.toContain('Weighted total');
    expect(hidden).toContain('Nothing written yet.');
    expect(hidden).toContain('The board is empty.');
    expect(hidden).toContain('Not assessed.');
    expect(hidden).toContain('Nothing written in the journal.');
    const alone = buildLearnerExport(input({ team: null }), content);
    expect(alone).toContain('You were not in a team when you exported.');
    expect(alone).not.toContain('Our board');
    expect(alone).not.toContain('Scores our team received');
    expect(alone).toContain('Version the inputs');
  });
});
