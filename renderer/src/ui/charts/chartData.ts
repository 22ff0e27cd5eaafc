/**
 * Owns: turning poll tallies and rubric tallies into the rows the charts draw (renderer/src/ui/charts) and the
 * sentences that describe them (the charts' text alternatives). Pure: no React, no recharts.
 */
import type { PollDefinition, Tally } from '../../../../shared/room/pollTally';
import type { TeamTally } from '../../../../shared/room/rubricScores';
import { LEVEL_COLOURS } from '../../../../shared/report/reportSvg';

/** One bar of a poll's results: an option (choice kinds) or a value (scale). */
export interface PollBar {
  key: string;
  /** The option's text as written in the content (may hold inline Markdown). */
  label: string;
  count: number;
  /** This option is a correct answer (quiz), known only once the answers are shown. */
  correct: boolean;
}

/** The option's text without inline Markdown marks, cut to `max` characters (an ellipsis shows the cut). */
export function plainLabel(markdown: string, max = 60): string {
  const text = markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|`|~~)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** The bars of a choice or scale poll (none for word clouds and open texts); `correct` only when `showCorrect`. */
export function pollBars(poll: PollDefinition, tally: (Tally & { answerKey?: string[] }) | null, showCorrect: boolean): PollBar[] {
  // A quiz's answers come with the tally (the host holds them back from the session until the results are revealed).
  const correctIds = tally?.answerKey ?? poll.correct ?? [];
  const bars: PollBar[] = [];
  if (tally?.counts)
    for (const option of poll.options ?? [])
      bars.push({ key: option.id, label: option.label, count: tally.counts[option.id] ?? 0, correct: showCorrect && correctIds.includes(option.id) });
  if (tally?.histogram)
    for (const [value, count] of Object.entries(tally.histogram)) bars.push({ key: value, label: value, count, correct: false });
  return bars;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What a poll's chart shows, as one sentence (the chart's accessible name). */
export function pollSummary(bars: readonly PollBar[], respondents: number): string {
  const parts = bars.map((b) => `${plainLabel(b.label, 200)}: ${b.count}${b.correct ? ' (correct)' : ''}`);
  return `${plural(respondents, 'answer', 'answers')}. ${parts.join('; ')}`;
}

export interface RubricLevel {
  score: number;
  label: string;
}

/** One criterion's row of the rubric charts: its peer counts per level (`l<score>` keys) and the mean levels. */
export interface RubricRow {
  id: string;
  title: string;
  weight: number;
  /** Peer counts keyed `l1`…`l4` (by level score), for a stacked bar. */
  counts: Record<string, number>;
  peerMean: number | null;
  facilitator: number | null;
}

export const levelKey = (score: number): string => `l${score}`;

/** The rows of the rubric charts, one per criterion of the tally, in the tally's order. */
export function rubricRows(tally: TeamTally, levels: readonly RubricLevel[], titleOf: (id: string) => string): RubricRow[] {
  const ascending = [...levels].sort((a, b) => a.score - b.score);
  return tally.criteria.map((c) => ({
    id: c.id,
    title: titleOf(c.id),
    weight: c.weight,
    counts: Object.fromEntries(ascending.map((l, i) => [levelKey(l.score), c.peer[i] ?? 0])),
    peerMean: c.peerMean,
    facilitator: c.facilitator,
  }));
}

/** What the rubric charts show, as one sentence per criterion. */
export function rubricSummary(rows: readonly RubricRow[], levels: readonly RubricLevel[]): string {
  const ascending = [...levels].sort((a, b) => a.score - b.score);
  return rows
    .map((r) => {
      const counts = ascending.map((l) => `${r.counts[levelKey(l.score)] ?? 0} ${l.label}`).join(', ');
      return `${r.title}: peers ${counts}; peer mean ${r.peerMean ?? 'none'}, facilitator ${r.facilitator ?? 'none'}.`;
    })
    .join(' ');
}

/** The level palette is the session report's (shared/report/reportSvg.ts), so screen and report agree. */
export { LEVEL_COLOURS };
export const PEER_COLOUR = '#0072B2';
export const FACILITATOR_COLOUR = '#CC79A7';
export const levelColour = (index: number): string => LEVEL_COLOURS[index % LEVEL_COLOURS.length]!;
