/**
 * The session report: built from archives (one hand-made with every part filled, one exported from a real host
 * session), it shows each part, escapes document text, and references nothing outside the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadContentDir } from '../../electron/host/contentLoader';
import type { ContentPack } from '../../shared/content/schema';
import { decodeArchive, type SessionArchive } from '../../shared/report/archive';
import { buildReport } from '../../shared/report/report';
import { worksheetSeedUpdate } from '../../shared/room/worksheetSeed';
import { BoardSync } from '../../shared/sync/boardSync';
import type { RoomClient } from '../../shared/sync/roomClient';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, hostKeyOf, online, placeGroups, waitFor } from '../helpers/roomClients';

const EXTERNAL = /(src|href)\s*=\s*["']?\s*(https?:)?\/\/|url\(\s*["']?(https?:)?\/\/|@import|<script|<link|<iframe|<img/i;

function paragraphs(doc: Y.Doc, field: string, text: string): void {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(field).insert(0, [p]);
}

const state = (fill: (doc: Y.Doc) => void): Uint8Array => {
  const doc = new Y.Doc();
  fill(doc);
  return Y.encodeStateAsUpdate(doc);
};

let pack: ContentPack;
beforeAll(async () => {
  const loaded = await loadContentDir('content');
  if (!loaded.ok) throw new Error('content pack invalid');
  pack = loaded.pack;
});

describe('session report (pure)', () => {
  it('shows every part, escapes document text and makes no request', () => {
    const [engage, explore] = pack.phases;
    const strategySection = pack.templates[0]!.sections[0]!;
    const criteria = pack.rubrics[0]!.criteria;
    const test = pack.mltestscore[0]!.categories[0]!.tests[0]!;
    const archive: SessionArchive = {
      session: {
        title: 'Room <4>',
        code: 'ABCDEF',
        createdAt: '2026-11-29T09:00:00.000Z',
        endedAt: '2026-11-29T12:00:00.000Z',
        exportedAt: '2026-11-29T12:05:00.000Z',
      },
      documents: new Map([
        [
          'session',
          state((d) => {
            d.getMap('state').set('clock', {
              phaseId: explore!.id,
              running: false,
              segmentStartedAt: null,
              elapsedMs: 7 * 60000,
              extendedMinutes: 0,
              actualMinutes: { [engage!.id]: engage!.minutes + 8 },
            });
            d.getMap('polls').set('p1', {
              def: {
                id: 'p1',
                kind: 'single',
                prompt: 'Which stage fails most?',
                options: [
                  { id: 'a', label: 'Data' },
                  { id: 'b', label: 'Deploy' },
                ],
              },
              status: 'closed',
              revealed: true,
              anonymous: true,
            });
          }),
        ],
        [
          'poll/p1/tally',
          state((d) => d.getMap('tally').set('result', { pollId: 'p1', kind: 'single', respondents: 4, counts: { a: 3, b: 1 } })),
        ],
        [
          'qa',
          state((d) =>
            d.getMap('questions').set('q1', {
              text: 'What about <script>alert(1)</script>?',
              name: 'Secret Asker',
              askedAt: '',
              votes: 5,
              answered: true,
              pinned: false,
              hidden: false,
            }),
          ),
        ],
        [
          'groups',
          state((d) => {
            d.getMap('groups').set('red', { id: 'red', name: 'Red "team"', members: [], roles: {} });
            d.getMap('groups').set('blue', { id: 'blue', name: 'Blue', members: [], roles: {} });
          }),
        ],
        // Blue's notes are the worksheet's prompts as seeded, nothing more.
        ['team/blue/notes', worksheetSeedUpdate(pack.worksheets[0]!, 'notes')],
        ['team/red/notes', state((d) => paragraphs(d, 'notes', 'Our notes & ideas'))],
        ['team/red/strategy', state((d) => paragraphs(d, strategySection.id, 'Frame the problem first'))],
        [
          'team/red/board',
          state((d) =>
            new BoardSync(d).pushLocal([
              {
                id: 'r1',
                type: 'rectangle',
                version: 1,
                versionNonce: 1,
                x: 0,
                y: 0,
                width: 100,
                height: 50,
                strokeColor: 'url(http://evil)',
              },
              { id: 't1', type: 'text', version: 1, versionNonce: 2, x: 10, y: 10, width: 80, height: 20, text: 'Feature store' },
            ]),
          ),
        ],
        ['team/red/mltestscore', state((d) => d.getMap('marks').set(test.id, 1))],
        [
          'evaluate/red/tally',
          state((d) =>
            d.getMap('tally').set('result', {
              scorers: 2,
              criteria: criteria.map((c) => ({ id: c.id, weight: c.weight, peer: [0, 1, 0, 1], peerMean: 3, facilitator: 3 })),
              peerTotal: 2.5,
              facilitatorTotal: 3,
            }),
          ),
        ],
        ['team/red/feedback', state((d) => d.getMap('items').set('k', { strength: 'Clear rollback plan', question: 'Who owns drift?' }))],
        [
          'exit-tickets',
          state((d) =>
            d.getMap('exit').set('summary', {
              count: 2,
              before: [1, 1, 0, 0, 0],
              after: [0, 0, 1, 1, 0],
              meanBefore: 1.5,
              meanAfter: 3.5,
              meanShift: 2,
              shifts: { up: 2, same: 0, down: 0 },
              changes: ['Version our data'],
              questions: ['How to start small?'],
            }),
          ),
        ],
        [
          'facilitator/observations',
          state((d) => {
            d.getMap('tags').set(`${explore!.id}:red`, ['asks good questions']);
            d.getText(`${explore!.id}:red`).insert(0, 'Red argued well');
          }),
        ],
        ['facilitator/reflection', state((d) => d.getText('plan:0').insert(0, 'Next time: shorter Explain'))],
      ]),
    };
    const html = buildReport(archive, pack);
    expect(html).toContain('<title>Room &lt;4&gt; — session report</title>');
    expect(html).toContain(
      `<td>${engage!.title}</td><td>${engage!.minutes}</td><td>${engage!.minutes + 8}</td><td><span class="over">8 min over, carried forward</span>`,
    );
    // The agenda runs in the lesson's order, not the order the phase files were read in.
    const agendaRows = [...(/<section id="agenda">.*?<\/section>/s.exec(html)?.[0] ?? '').matchAll(/<tr><td>([^<]*)<\/td>/g)].map(
      (m) => m[1],
    );
    expect(agendaRows).toEqual(pack.lesson.phases.map((id) => pack.phases.find((p) => p.id === id)!.title));
    expect(html).toContain('Which stage fails most?');
    expect(html).toMatch(/<svg class="chart"[^>]*><title>Which stage fails most\?: Data 3 \(75%\); Deploy 1 \(25%\)<\/title>/);
    expect(html).toContain('What about &lt;script&gt;alert(1)&lt;/script&gt;?');
    expect(html).not.toContain('Secret Asker');
    expect(html).toContain('<h2>Team Red &quot;team&quot;</h2>');
    expect(html).toContain('Our notes &amp; ideas');
    expect(html).toContain('Frame the problem first');
    // Sections nobody wrote in are one line, not a heading each.
    const blank = pack.templates[0]!.sections.filter((s) => s.id !== strategySection.id).map((s) => s.title);
    expect(html).toContain(`Not filled in: ${blank.join('; ')}.`.replace(/&/g, '&amp;'));
    expect(html).not.toContain(`<h4>${blank[0]}</h4>`);
    const blue = /<section class="team" id="team-blue">.*?<\/section>/s.exec(html)?.[0] ?? '';
    expect(blue).toContain("Only the worksheet's questions: nothing written.");
    expect(blue).not.toContain(pack.worksheets[0]!.dimensions[0]!.prompt);
    expect(html).toMatch(/<svg class="board"[^>]*><title>Red &quot;team&quot;&#39;s board: Feature store<\/title>/);
    expect(html).toContain('<rect x="0" y="0" width="100" height="50" stroke="#1e1e1e"');
    expect(html).toMatch(/ML Test Score.*Final score <strong>/s);
    // A section's bar is scaled to that section's tests (1 of n), not to the chart's largest value.
    const sectionWidth = Math.round((1 / pack.mltestscore[0]!.categories[0]!.tests.length) * 300);
    expect(html).toMatch(
      new RegExp(`ML Test Score by section[^<]*</title><text[^>]*>[^<]*</text><rect x="330" y="5" width="${sectionWidth}" `),
    );
    expect(html).toContain(`<td>${criteria[1]!.title}</td><td>${criteria[1]!.weight}</td>`);
    // The peers' levels per criterion as stacked bars (a segment per level chosen, its count written in it).
    expect(html).toContain(
      `<title>Red &quot;team&quot;&#39;s peer scores per criterion: ${criteria[0]!.title.replace(/'/g, '&#39;')}: 0 1 Beginning, 1 2 Developing, 0 3 Proficient, 1 4 Exemplary;`,
    );
    expect(html).toMatch(
      /<rect x="330" y="\d+" width="180" height="22" fill="#E69F00"\/><text[^>]*>1<\/text><rect x="510" y="\d+" width="180" height="22" fill="#009E73"\/>/,
    );
    expect(html).toContain('Weighted total: peers <strong>2.5</strong> (2 scorers), facilitator <strong>3</strong>');
    expect(html).toContain('Clear rollback plan');
    expect(html).toContain('2 tickets · confidence before 1.5, after 3.5');
    expect(html).toContain('Version our data');
    expect(html).toContain('asks good questions');
    expect(html).toContain('Red argued well');
    expect(html).toContain('Next time: shorter Explain');
    expect(html).toMatch(/@media print\{.*\.team\{break-before:page;page-break-before:always\}/);
    expect(html).not.toMatch(EXTERNAL);
  });
});

describe('session report (real host)', () => {
  let host: HostProcess;
  const clients: RoomClient[] = [];
  const api = (path: string) =>
    fetch(new URL(path, host.url), { headers: { Authorization: `Bearer ${hostKeyOf(host.line.facilitatorUrl as string)}` } });

  beforeAll(async () => {
    host = await startHostProcess({ args: ['--session', 'Report session'] });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await host?.stop();
  });

  it('exports the report of a session as a self-contained HTML download', async () => {
    const room = host.line.room as string;
    const facilitator = connectClient(host.url, room, { secret: hostKeyOf(host.line.facilitatorUrl as string) });
    const ada = connectClient(host.url, room, { name: 'Ada Lovelace' });
    clients.push(facilitator, ada);
    await Promise.all([online(facilitator), online(ada)]);
    await placeGroups(facilitator, [{ id: 'red', name: 'Red', members: [ada.welcome!.learnerId] }]);
    paragraphs(ada.doc('team/red/notes'), 'notes', 'notes from the real room');
    new BoardSync(ada.doc('team/red/board')).pushLocal([
      { id: 'e1', type: 'ellipse', version: 1, versionNonce: 1, x: 5, y: 5, width: 40, height: 40 },
    ]);
    ada.command('ask-1', { cmd: 'ask', questionId: 'question-1', text: 'How do we monitor drift?', anonymous: false });
    ada.command('exit-1', { cmd: 'exit-ticket', change: 'Add data tests', question: 'Where to begin?', before: 2, after: 4 });
    await waitFor(() => ada.pendingCount === 0, 'edits and commands saved');

    const id = ((await (await api('/api/sessions')).json()) as { sessions: { id: string }[] }).sessions[0]!.id;
    const res = await api(`/api/sessions/${id}/report`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="report-session-.*\.html"/);
    const html = await res.text();
    for (const part of [
      'Agenda: planned and as run',
      'Polls and quizzes',
      'How do we monitor drift?',
      '<h2>Team Red</h2>',
      'notes from the real room',
      '<ellipse',
      'Add data tests',
      "The facilitator's notes",
    ])
      expect(html, part).toContain(part);
    expect(html).not.toContain('Ada Lovelace');
    expect(html).not.toMatch(EXTERNAL);
    const archive = decodeArchive(await (await api(`/api/sessions/${id}/archive`)).text());
    expect(archive.ok).toBe(true);
    expect((await fetch(new URL(`/api/sessions/${id}/report`, host.url))).status).toBe(401);
  });
});
