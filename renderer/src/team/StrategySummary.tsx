/**
 * A team's strategy on one page, read-only (issue 13, point 1): the case, one compact card per template section
 * that has text (the section's title and the team's text, cut with a visible "…" when long), the empty sections in
 * one line, and the team's ML Test Score when it has one. What the projector shows while a team presents, and
 * what the other learners and the facilitator read of a shared team — not the template with its guiding questions.
 *
 * Owns: that layout and how much of each section fits (the fewer sections filled, the more text each card keeps).
 * The text comes straight from the team's `team/<id>/strategy` fragments through shared/report/richText.ts (allowed
 * tags only, no editor); it follows live edits.
 */
import { Fragment, useEffect, useMemo, useState, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { formatMts } from '../../../shared/room/mlTestScore';
import { clampRich, hasText, richFromFragment, type RichNode } from '../../../shared/report/richText';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { useContent } from '../content/ContentProvider';
import { useTeamMlTestScore } from './TeamMlTestScore';
import '../styles/summary.css';

/** Characters of text a card keeps on the projector, by how many cards there are (fits 1920×1080 and 1280×720). */
export function projectorBudget(cards: number): number {
  return cards <= 2 ? 700 : cards <= 4 ? 360 : cards <= 6 ? 220 : cards <= 8 ? 150 : 110;
}
const SCREEN_BUDGET = 420;

/** Each section's rich text, live. */
function useSections(doc: Y.Doc, ids: readonly string[]): Record<string, RichNode[]> {
  const read = useMemo(() => () => Object.fromEntries(ids.map((id) => [id, doc.share.has(id) ? richFromFragment(doc.getXmlFragment(id)) : []])), [doc, ids]);
  const [sections, setSections] = useState(read);
  useEffect(() => {
    const update = () => setSections(read());
    update();
    doc.on('update', update);
    return () => doc.off('update', update);
  }, [doc, read]);
  return sections;
}

/** The tree as React elements (the tags are richText.ts's allow-list; text is text). */
export function RichView({ nodes }: { nodes: readonly RichNode[] }): ReactNode {
  return nodes.map((n, i) => {
    if ('text' in n) return <Fragment key={i}>{n.marks.reduce<ReactNode>((inner, M) => <M>{inner}</M>, n.text)}</Fragment>;
    const Tag = n.tag;
    if (Tag === 'br' || Tag === 'hr') return <Tag key={i} />;
    return (
      <Tag key={i}>
        <RichView nodes={n.children} />
      </Tag>
    );
  });
}

function SectionCard({ title, nodes, budget, large }: { title: string; nodes: RichNode[]; budget: number; large: boolean }) {
  const [whole, setWhole] = useState(false);
  const cut = useMemo(() => clampRich(nodes, budget), [nodes, budget]);
  const shown = whole ? nodes : cut.nodes;
  return (
    <li className="strategy-card" data-clamped={cut.clamped && !whole ? 'true' : undefined}>
      <h3>{title}</h3>
      <div className="rich">
        <RichView nodes={shown} />
      </div>
      {cut.clamped && !large ? (
        <button type="button" aria-expanded={whole} onClick={() => setWhole(!whole)}>
          {whole ? 'Show less' : `Read all of “${title}”`}
        </button>
      ) : null}
    </li>
  );
}

export function StrategySummary({ client, teamId, caseId, large = false }: { client: RoomClient; teamId: string; caseId: string | null; large?: boolean }) {
  const { pack } = useContent();
  const template = pack.templates[0];
  const ids = useMemo(() => template?.sections.map((s) => s.id) ?? [], [template]);
  const sections = useSections(client.doc(`team/${teamId}/strategy`), ids);
  const mts = useTeamMlTestScore(client, teamId);
  if (!template) return null;
  const filled = template.sections.filter((s) => hasText(sections[s.id] ?? []));
  const empty = template.sections.filter((s) => !filled.includes(s));
  const caseTitle = caseId ? (pack.cases.find((c) => c.id === caseId)?.title ?? caseId) : null;
  const budget = large ? projectorBudget(filled.length) : SCREEN_BUDGET;
  return (
    <section className={`strategy-summary${large ? ' large' : ''}`} aria-label="Strategy summary" data-testid="strategy-summary" data-team={teamId}>
      <p className="strategy-summary-meta">
        <strong>{caseTitle ? `Case: ${caseTitle}` : 'No case chosen yet'}</strong> · {filled.length} of {template.sections.length} sections written
        {mts && mts.marked > 0 ? (
          <span data-testid="summary-mltestscore">
            {' '}
            · ML Test Score <strong>{formatMts(mts.final)}</strong>
            {mts.band ? `, band ${mts.band.label}` : ''}
          </span>
        ) : null}
      </p>
      {filled.length > 0 ? (
        <ul className="strategy-cards">
          {filled.map((s) => (
            <SectionCard key={s.id} title={s.title} nodes={sections[s.id] ?? []} budget={budget} large={large} />
          ))}
        </ul>
      ) : (
        <p className="muted">Nothing written in the strategy yet.</p>
      )}
      {empty.length > 0 && filled.length > 0 ? (
        <p className="muted strategy-empty" data-testid="strategy-not-filled">
          Not filled: {empty.map((s) => s.title).join(' · ')}
        </p>
      ) : null}
    </section>
  );
}
