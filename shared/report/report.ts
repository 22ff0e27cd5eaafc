/**
 * The session report: one self-contained HTML page built from a session's archive (archive.ts) and the content pack,
 * to open from a USB stick and print to PDF. Pure: documents in, a string out.
 *
 * Owns: what the report shows and how — the agenda as planned and as run (the session's clock: actual minutes of
 * the phases run, the difference carried over), poll and quiz results (bar charts with numbers), the Q&A (never
 * who asked), each team on its own printed page (notes, strategy, board picture, ML Test Score, rubric results with
 * the peers' levels per criterion as stacked bars, strengths and questions), the exit tickets' aggregate, and the
 * facilitator's observations and reflection.
 * Everything from a document is untrusted: all text is escaped, colours are filtered (reportSvg.ts), and the page
 * makes no request (inline CSS, inline SVG, no script, no font or image from elsewhere).
 */
import * as Y from 'yjs';
import { phasesInOrder } from '../content/pack';
import type { ContentPack } from '../content/schema';
import type { ExitTicketAggregate } from '../room/exitTicket';
import { mlTestScore, formatMts } from '../room/mlTestScore';
import type { Tally } from '../room/pollTally';
import type { TeamTally } from '../room/rubricScores';
import type { SessionPollState, SessionState } from '../room/sessionState';
import { worksheetSeedUpdate } from '../room/worksheetSeed';
import { BoardSync } from '../sync/boardSync';
import type { SessionArchive } from './archive';
import { barChart, boardSvg, esc, stackedBars } from './reportSvg';
import { richFromDoc, richText } from './richText';

export type ReportContent = Pick<ContentPack, 'lesson' | 'phases' | 'templates' | 'rubrics' | 'mltestscore' | 'worksheets'>;

/** The report's stylesheet (also a learner's export, learnerExport.ts). */
export const REPORT_CSS = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1e1e1e;max-width:960px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.8rem;margin-bottom:.2rem}h2{border-bottom:2px solid #2f5d9e;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #bbb;padding:.25rem .6rem;text-align:left;vertical-align:top}
.meta,.empty{color:#555}.chart{max-width:100%;height:auto}.bl,.bv{font:13px system-ui,sans-serif;fill:#1e1e1e}
.board{width:100%;max-height:520px;border:1px solid #ccc;background:#fff}.text{white-space:pre-wrap;border-left:3px solid #ddd;padding-left:.6rem}
.over{color:#a33}.under{color:#1b7f3b}
@media print{body{margin:0;max-width:none;font-size:11pt}.team{break-before:page;page-break-before:always}h2,h3{break-after:avoid;page-break-after:avoid}svg,table,.text{break-inside:avoid;page-break-inside:avoid}}
`;

type Docs = Map<string, Y.Doc>;

function docsOf(archive: SessionArchive): Docs {
  const docs: Docs = new Map();
  for (const [name, state] of archive.documents) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    docs.set(name, doc);
  }
  return docs;
}

const mapOf = (docs: Docs, doc: string, map: string): Record<string, unknown> =>
  docs.has(doc) && docs.get(doc)!.share.has(map) ? docs.get(doc)!.getMap(map).toJSON() : {};
const obj = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** The plain text of a rich-text field (TipTap's XML, read by richText.ts): block ends become line breaks. */
const fragmentText = (doc: Y.Doc | undefined, field: string): string => richText(richFromDoc(doc, field));

export const textBlock = (text: string, empty = 'Nothing written.'): string =>
  text.trim() ? `<div class="text">${esc(text)}</div>` : `<p class="empty">${esc(empty)}</p>`;

function agenda(docs: Docs, content: ReportContent): string {
  const state = obj(mapOf(docs, 'session', 'state')) as SessionState;
  const actual = state.clock?.actualMinutes ?? {};
  const current = state.clock?.phaseId ?? null;
  const currentMinutes = state.clock ? Math.round(state.clock.elapsedMs / 60000) : null;
  const rows = phasesInOrder(content.lesson.phases, content.phases).map((p) => {
    const ran = typeof actual[p.id] === 'number' ? actual[p.id]! : p.id === current ? currentMinutes : null;
    const diff = ran === null ? null : ran - p.minutes;
    const note =
      diff === null
        ? 'not run'
        : diff === 0
          ? 'on time'
          : diff > 0
            ? `<span class="over">${diff} min over, carried forward</span>`
            : `<span class="under">${-diff} min under</span>`;
    return `<tr><td>${esc(p.title)}</td><td>${p.minutes}</td><td>${ran === null ? '—' : Math.round(ran)}</td><td>${note}</td></tr>`;
  });
  const planned = content.phases.reduce((sum, p) => sum + p.minutes, 0);
  return `<section id="agenda"><h2>Agenda: planned and as run</h2><table><thead><tr><th>Phase</th><th>Planned (min)</th><th>As run (min)</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table><p class="meta">Planned in total: ${planned} min.</p></section>`;
}

function polls(docs: Docs): string {
  const defs = Object.values(mapOf(docs, 'session', 'polls')) as SessionPollState[];
  const parts = defs
    .filter((p) => p && typeof p === 'object' && p.def)
    .map((p) => {
      const tally = obj(mapOf(docs, `poll/${p.def.id}/tally`, 'tally').result) as Partial<Tally>;
      const respondents = tally.respondents ?? 0;
      const pct = (n: number) => `${n} (${respondents ? Math.round((n / respondents) * 100) : 0}%)`;
      let chart = '';
      if (tally.counts)
        chart = barChart(
          p.def.prompt,
          (p.def.options ?? []).map((o) => ({
            label: o.label,
            value: tally.counts![o.id] ?? 0,
            text: pct(tally.counts![o.id] ?? 0),
            highlight: p.def.correct?.includes(o.id) ?? false,
          })),
        );
      else if (tally.histogram)
        chart = barChart(
          p.def.prompt,
          Object.entries(tally.histogram).map(([v, n]) => ({ label: v, value: n, text: pct(n) })),
        );
      else if (tally.words)
        chart = barChart(
          p.def.prompt,
          tally.words.slice(0, 15).map(([w, n]) => ({ label: w, value: n })),
        );
      const texts = tally.texts?.length ? `<ul>${tally.texts.map((t) => `<li>${esc(t)}</li>`).join('')}</ul>` : '';
      const extra = [
        tally.mean !== undefined ? `mean ${tally.mean}` : '',
        tally.correct !== undefined ? `${tally.correct} of ${respondents} correct (correct answers in green)` : '',
      ]
        .filter(Boolean)
        .join(' · ');
      return `<article><h3>${esc(p.def.prompt)}</h3><p class="meta">${esc(p.def.kind)} · ${respondents} answered${extra ? ` · ${esc(extra)}` : ''}</p>${chart}${texts}</article>`;
    });
  return `<section id="polls"><h2>Polls and quizzes</h2>${parts.join('') || '<p class="empty">No poll was run.</p>'}</section>`;
}

function qa(docs: Docs): string {
  const questions = Object.values(mapOf(docs, 'qa', 'questions'))
    .map(obj)
    .filter((q) => typeof q.text === 'string' && !q.hidden)
    .sort((a, b) => Number(b.votes ?? 0) - Number(a.votes ?? 0));
  const rows = questions.map(
    (q) => `<tr><td>${esc(q.text)}</td><td>${Number(q.votes ?? 0)}</td><td>${q.answered ? 'answered' : ''}</td></tr>`,
  );
  return `<section id="qa"><h2>Questions from the room</h2>${rows.length ? `<table><thead><tr><th>Question (anonymous)</th><th>Upvotes</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '<p class="empty">No question was asked.</p>'}</section>`;
}

/** The group notes' starting text (the Explore worksheet's prompts, shared/room/worksheetSeed.ts), as the report reads it. */
function worksheetPrompts(content: ReportContent): string | null {
  const worksheet = content.worksheets[0];
  if (!worksheet) return null;
  const seeded = new Y.Doc();
  Y.applyUpdate(seeded, worksheetSeedUpdate(worksheet, 'notes'));
  return fragmentText(seeded, 'notes');
}

/** A team's ML Test Score: the final score, its band and a bar per section. */
export function mtsPart(rubric: ReportContent['mltestscore'][number] | undefined, marks: unknown, teamName: string): string {
  if (!rubric) return '<p class="empty">No ML Test Score.</p>';
  const result = mlTestScore(rubric, marks);
  return `<p>Final score <strong>${esc(formatMts(result.final))}</strong>${result.band ? ` (band ${esc(result.band.label)}: ${esc(result.band.meaning)})` : ''} (${result.marked} of ${result.total} tests marked; the final score is the lowest section).</p>${barChart(
    `${teamName}'s ML Test Score by section`,
    result.sections.map((s) => ({ label: s.name, value: s.score, max: s.max, text: `${formatMts(s.score)} / ${s.max}` })),
  )}`;
}

/** A team's rubric results (the published tally): per criterion the peer levels, mean and the facilitator's level. */
export function rubricPart(rubric: ReportContent['rubrics'][number] | undefined, tally: Partial<TeamTally>, teamName: string): string {
  if (!tally.criteria || !rubric) return '<p class="empty">Not scored.</p>';
  // The tally counts levels by ascending score (rubricScores.ts), whatever the content order.
  const levelLabels = [...rubric.levels].sort((a, b) => a.score - b.score).map((l) => `${l.score} ${l.label}`);
  const rows = tally.criteria.map((c) => {
    const title = rubric.criteria.find((r) => r.id === c.id)?.title ?? c.id;
    return `<tr><td>${esc(title)}</td><td>${c.weight}</td><td>${esc(c.peer.map((n, i) => `${levelLabels[i] ?? i}: ${n}`).join(', '))}</td><td>${c.peerMean ?? '—'}</td><td>${c.facilitator ?? '—'}</td></tr>`;
  });
  const chart = stackedBars(
    `${teamName}'s peer scores per criterion`,
    levelLabels,
    tally.criteria.map((c) => ({ label: rubric.criteria.find((r) => r.id === c.id)?.title ?? c.id, counts: c.peer })),
    tally.scorers ?? 0,
  );
  return `${chart}<table><thead><tr><th>Criterion</th><th>Weight</th><th>Peer scores per level</th><th>Peer mean</th><th>Facilitator</th></tr></thead><tbody>${rows.join('')}</tbody></table><p>Weighted total: peers <strong>${tally.peerTotal ?? '—'}</strong> (${tally.scorers ?? 0} scorers), facilitator <strong>${tally.facilitatorTotal ?? '—'}</strong>.</p>`;
}

/** The strengths and questions written for a team (`team/<id>/feedback` items), never who wrote them. */
export function feedbackPart(items: Record<string, unknown>): string {
  const feedback = Object.values(items).map(obj);
  const list = (key: string) => feedback.map((f) => String(f[key] ?? '').trim()).filter(Boolean);
  return feedback.length
    ? `<h4>Strengths</h4><ul>${list('strength')
        .map((s) => `<li>${esc(s)}</li>`)
        .join('')}</ul><h4>Questions</h4><ul>${list('question')
        .map((s) => `<li>${esc(s)}</li>`)
        .join('')}</ul>`
    : '';
}

function teamSection(docs: Docs, content: ReportContent, team: { id: string; name: string }): string {
  const doc = (name: string) => docs.get(`team/${team.id}/${name}`);
  const template = content.templates[0];
  // The sections the team wrote in, then the others in one line (a printed page is not ten "Nothing written.").
  const sections = (template?.sections ?? []).map((s) => ({ title: s.title, text: fragmentText(doc('strategy'), s.id) }));
  const blank = sections.filter((s) => !s.text.trim()).map((s) => s.title);
  const strategy =
    sections
      .filter((s) => s.text.trim())
      .map((s) => `<h4>${esc(s.title)}</h4>${textBlock(s.text)}`)
      .join('') + (blank.length ? `<p class="empty">Not filled in: ${esc(blank.join('; '))}.</p>` : '');
  const notesText = fragmentText(doc('notes'), 'notes');
  const notes =
    notesText === worksheetPrompts(content)
      ? '<p class="empty">Only the worksheet\'s questions: nothing written.</p>'
      : textBlock(notesText);
  const board = doc('board');
  const picture = boardSvg(`${team.name}'s board`, board ? new BoardSync(board).elements() : []);
  const mts = doc('mltestscore')
    ? mtsPart(content.mltestscore[0], mapOf(docs, `team/${team.id}/mltestscore`, 'marks'), team.name)
    : '<p class="empty">No ML Test Score.</p>';
  const tally = obj(mapOf(docs, `evaluate/${team.id}/tally`, 'tally').result) as Partial<TeamTally>;
  const scores = rubricPart(content.rubrics[0], tally, team.name);
  const comments = feedbackPart(mapOf(docs, `team/${team.id}/feedback`, 'items'));
  return `<section class="team" id="team-${esc(team.id)}"><h2>Team ${esc(team.name)}</h2><h3>Notes</h3>${notes}<h3>Strategy</h3>${strategy}<h3>Board</h3>${picture}<h3>ML Test Score</h3>${mts}<h3>Rubric results</h3>${scores}${comments}</section>`;
}

function exitTickets(docs: Docs): string {
  const summary = obj(mapOf(docs, 'exit-tickets', 'exit').summary) as Partial<ExitTicketAggregate>;
  if (!summary.count) return '<section id="exit"><h2>Exit tickets</h2><p class="empty">No exit ticket was handed in.</p></section>';
  const levels = (counts: number[] | undefined) => (counts ?? []).map((n, i) => ({ label: `${i + 1}`, value: n }));
  return `<section id="exit"><h2>Exit tickets</h2><p>${summary.count} tickets · confidence before ${summary.meanBefore ?? '—'}, after ${summary.meanAfter ?? '—'} (mean shift ${summary.meanShift ?? '—'}; ${summary.shifts?.up ?? 0} up, ${summary.shifts?.same ?? 0} same, ${summary.shifts?.down ?? 0} down)</p><h3>Confidence before</h3>${barChart('Confidence before', levels(summary.before))}<h3>Confidence after</h3>${barChart('Confidence after', levels(summary.after))}<h3>What people will change at work</h3><ul>${(summary.changes ?? []).map((c) => `<li>${esc(c)}</li>`).join('')}</ul><h3>Open questions</h3><ul>${(summary.questions ?? []).map((c) => `<li>${esc(c)}</li>`).join('')}</ul></section>`;
}

function facilitatorNotes(docs: Docs, content: ReportContent, teams: Map<string, string>): string {
  const observations = docs.get('facilitator/observations');
  const tags = mapOf(docs, 'facilitator/observations', 'tags');
  const keys = new Set([...Object.keys(tags), ...[...(observations?.share.keys() ?? [])].filter((k) => k !== 'tags')]);
  const phaseTitle = (id: string) => content.phases.find((p) => p.id === id)?.title ?? id;
  const rows = [...keys].sort().flatMap((key) => {
    const [phase = '', team = ''] = key.split(':');
    const text = observations && observations.share.has(key) ? observations.getText(key).toString() : '';
    const t = Array.isArray(tags[key]) ? (tags[key] as unknown[]).map(String) : [];
    if (!text.trim() && t.length === 0) return [];
    return [
      `<tr><td>${esc(phaseTitle(phase))}</td><td>${esc(teams.get(team) ?? team)}</td><td>${esc(t.join(', '))}</td><td class="text">${esc(text)}</td></tr>`,
    ];
  });
  const reflection = docs.get('facilitator/reflection');
  const answers = [...(reflection?.share.keys() ?? [])]
    .sort()
    .map((k) => reflection!.getText(k).toString())
    .filter((t) => t.trim());
  return `<section id="facilitator"><h2>The facilitator's notes</h2>${rows.length ? `<table><thead><tr><th>Phase</th><th>Team</th><th>Tags</th><th>Notes</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '<p class="empty">No observation notes.</p>'}<h3>Reflection after the session</h3>${answers.length ? answers.map((a) => textBlock(a)).join('') : '<p class="empty">No reflection written.</p>'}</section>`;
}

/** The whole report as one HTML document. */
export function buildReport(archive: SessionArchive, content: ReportContent): string {
  const docs = docsOf(archive);
  const groups = Object.values(mapOf(docs, 'groups', 'groups'))
    .map(obj)
    .filter((g) => typeof g.id === 'string')
    .map((g) => ({ id: String(g.id), name: typeof g.name === 'string' ? g.name : String(g.id) }));
  const s = archive.session;
  const when = `${s.createdAt.slice(0, 16).replace('T', ' ')} UTC${s.endedAt ? ` – ${s.endedAt.slice(0, 16).replace('T', ' ')} UTC` : ''}`;
  const body = [
    `<header><h1>${esc(s.title)}</h1><p class="meta">Session report · room ${esc(s.code)} · ${esc(when)} · exported ${esc(s.exportedAt.slice(0, 16).replace('T', ' '))} UTC</p></header>`,
    agenda(docs, content),
    polls(docs),
    qa(docs),
    ...groups.map((g) => teamSection(docs, content, g)),
    exitTickets(docs),
    facilitatorNotes(docs, content, new Map(groups.map((g) => [g.id, g.name]))),
  ].join('\n');
  for (const doc of docs.values()) doc.destroy();
  return htmlPage(`${s.title} — session report`, body);
}

/** A whole self-contained page: inline CSS, a policy that refuses every request, no script. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><title>${esc(title)}</title><style>${REPORT_CSS}</style></head><body>${body}</body></html>`;
}
