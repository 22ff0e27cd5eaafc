/**
 * A learner's own work as one self-contained HTML page, built in their browser (issue 13, point 5): their team's
 * strategy (the sections with text), the team's board picture, its ML Test Score, their private journal and exit
 * ticket, and the scores and comments their team received once the facilitator revealed them. Pure: the documents
 * this learner can read in, a string out.
 *
 * Owns: what the export shows. How it looks and the safety rules are the session report's (report.ts: the same
 * stylesheet, parts and page with its no-request policy; reportSvg.ts: escaping and the board picture;
 * richText.ts: the strategy's rich text). Every document is untrusted: all text is escaped, no script, no request.
 */
import type * as Y from 'yjs';
import type { ContentPack } from '../content/schema';
import type { TeamTally } from '../room/rubricScores';
import { BoardSync } from '../sync/boardSync';
import { feedbackPart, htmlPage, mtsPart, rubricPart, textBlock } from './report';
import { boardSvg, esc } from './reportSvg';
import { hasText, richFromDoc, richHtml } from './richText';

export type LearnerExportContent = Pick<ContentPack, 'phases' | 'lesson' | 'templates' | 'rubrics' | 'mltestscore'>;

export interface LearnerExportInput {
  learnerName: string;
  sessionTitle: string;
  /** ISO time of the export. */
  exportedAt: string;
  /** The learner's team (null: not in a team). */
  team: { id: string; name: string; caseTitle?: string | null } | null;
  /** The documents as this device holds them; a missing one shows as not there. */
  docs: {
    strategy?: Y.Doc;
    board?: Y.Doc;
    mltestscore?: Y.Doc;
    journal?: Y.Doc;
    /** `evaluate/<team>/tally` and `team/<team>/feedback`: only once the facilitator revealed the team's scores. */
    tally?: Y.Doc;
    feedback?: Y.Doc;
  };
  /** Whether the facilitator revealed the team's scores. */
  revealed: boolean;
}

const mapJson = (doc: Y.Doc | undefined, map: string): Record<string, unknown> =>
  doc && doc.share.has(map) ? doc.getMap(map).toJSON() : {};
const obj = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
/** Content prompts are Markdown; the export shows them as plain text. */
const plain = (md: string): string => md.replace(/\*\*|__|`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');

function strategyPart(input: LearnerExportInput, content: LearnerExportContent): string {
  const template = content.templates[0];
  if (!template) return '';
  const doc = input.docs.strategy;
  const filled = template.sections.map((s) => ({ s, nodes: richFromDoc(doc, s.id) })).filter((x) => hasText(x.nodes));
  const empty = template.sections.filter((s) => !filled.some((f) => f.s.id === s.id));
  const sections = filled.map(({ s, nodes }) => `<h3>${esc(s.title)}</h3><div class="rich">${richHtml(nodes)}</div>`).join('');
  const missing = empty.length ? `<p class="empty">Not filled: ${esc(empty.map((s) => s.title).join(' · '))}</p>` : '';
  const caseLine = input.team?.caseTitle ? `<p class="meta">Case: ${esc(input.team.caseTitle)}</p>` : '';
  return `<section id="strategy"><h2>Our MLOps strategy</h2>${caseLine}${sections || '<p class="empty">Nothing written yet.</p>'}${missing}</section>`;
}

function journalPart(input: LearnerExportInput, content: LearnerExportContent): string {
  const doc = input.docs.journal;
  const answer = (field: string) => (doc && doc.share.has(field) ? doc.getText(field).toString() : '');
  const order = content.lesson.phases.map((id) => content.phases.find((p) => p.id === id)).filter((p) => p !== undefined);
  const groups = [
    ...order.map((p) => ({ title: p.title, prompts: (p.journalPrompts ?? []).map((q, i) => ({ q, a: answer(`${p.id}:${i}`) })) })),
    { title: 'After the workshop', prompts: content.lesson.reflection.learners.map((q, i) => ({ q, a: answer(`after:${i}`) })) },
  ]
    .map((g) => ({ ...g, prompts: g.prompts.filter((x) => x.a.trim()) }))
    .filter((g) => g.prompts.length > 0);
  const entries = groups
    .map((g) => `<h3>${esc(g.title)}</h3>${g.prompts.map((x) => `<h4>${esc(plain(x.q))}</h4>${textBlock(x.a)}`).join('')}`)
    .join('');
  const ticket = obj(mapJson(doc, 'exit').ticket);
  const exit = content.lesson.exitTicket;
  const ticketPart =
    exit && (typeof ticket.change === 'string' || typeof ticket.question === 'string')
      ? `<h3>My exit ticket</h3><h4>${esc(plain(exit.change))}</h4>${textBlock(String(ticket.change ?? ''))}<h4>${esc(plain(exit.question))}</h4>${textBlock(String(ticket.question ?? ''))}<p>Confidence before: <strong>${esc(ticket.before ?? '—')}</strong>, after: <strong>${esc(ticket.after ?? '—')}</strong></p>`
      : '';
  return `<section id="journal"><h2>My journal</h2><p class="meta">Private: only you could read it in the room.</p>${entries || ticketPart ? entries + ticketPart : '<p class="empty">Nothing written in the journal.</p>'}</section>`;
}

function scoresPart(input: LearnerExportInput, content: LearnerExportContent): string {
  const head = '<h2>Scores our team received</h2>';
  if (!input.revealed)
    return `<section id="scores">${head}<p class="empty">Not revealed yet: the facilitator had not shown your team's scores when you exported.</p></section>`;
  const tally = obj(mapJson(input.docs.tally, 'tally').result) as Partial<TeamTally>;
  return `<section id="scores">${head}${rubricPart(content.rubrics[0], tally, input.team?.name ?? 'Our team')}${feedbackPart(mapJson(input.docs.feedback, 'items'))}</section>`;
}

/** The whole export as one HTML document. */
export function buildLearnerExport(input: LearnerExportInput, content: LearnerExportContent): string {
  const when = `${input.exportedAt.slice(0, 16).replace('T', ' ')} UTC`;
  const header = `<header><h1>${esc(input.learnerName)}: my work</h1><p class="meta">${esc(input.sessionTitle)} · ${input.team ? `team ${esc(input.team.name)} · ` : ''}exported ${esc(when)}</p></header>`;
  const parts = [header];
  if (input.team) {
    const board = input.docs.board;
    parts.push(
      strategyPart(input, content),
      `<section id="board"><h2>Our board</h2>${boardSvg(`${input.team.name}'s board`, board ? new BoardSync(board).elements() : [])}</section>`,
      `<section id="mltestscore"><h2>Our ML Test Score</h2>${input.docs.mltestscore && input.docs.mltestscore.share.has('marks') ? mtsPart(content.mltestscore[0], mapJson(input.docs.mltestscore, 'marks'), input.team.name) : '<p class="empty">Not assessed.</p>'}</section>`,
    );
  } else parts.push('<section id="team"><h2>My team</h2><p class="empty">You were not in a team when you exported.</p></section>');
  parts.push(journalPart(input, content));
  if (input.team) parts.push(scoresPart(input, content));
  return htmlPage(`${input.learnerName} — my work — ${input.sessionTitle}`, parts.join('\n'));
}
