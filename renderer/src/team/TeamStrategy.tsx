/**
 * The MLOps strategy template, filled in by a team together: one collaborative rich-text field per section of the
 * template (from the content), its guiding questions and hints linked to concepts, and the team's progress. The case
 * is the one the facilitator chose for everyone or for this team.
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { useContent } from '../content/ContentProvider';
import { Markdown } from '../ui/Markdown';
import { ItemLink } from '../ui/bits';
import { TeamMlTestScoreSummary } from './TeamMlTestScore';

const CollaborativeEditor = lazy(() => import('./CollaborativeEditor'));

/** Section ids whose field has any text. */
export function filledSections(doc: Y.Doc, sectionIds: string[]): string[] {
  return sectionIds.filter((id) => doc.getXmlFragment(id).toString().replace(/<[^>]*>/g, '').trim().length > 0);
}

export function useFilledSections(client: RoomClient, docName: string, sectionIds: string[]): string[] {
  const doc = client.doc(docName);
  const [filled, setFilled] = useState(() => filledSections(doc, sectionIds));
  useEffect(() => {
    const update = () => setFilled(filledSections(doc, sectionIds));
    update();
    doc.on('update', update);
    return () => doc.off('update', update);
  }, [doc, sectionIds]);
  return filled;
}

export function TeamStrategy({ client, teamId, caseId, userName, readOnly = false }: { client: RoomClient; teamId: string; caseId: string | null; userName: string; readOnly?: boolean }) {
  const { pack } = useContent();
  const template = pack.templates[0];
  const docName = `team/${teamId}/strategy`;
  const sectionIds = useMemo(() => template?.sections.map((s) => s.id) ?? [], [template]);
  const filled = useFilledSections(client, docName, sectionIds);
  if (!template) return null;
  return (
    <div className="stack" data-testid="team-strategy">
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
        <progress max={sectionIds.length} value={filled.length} aria-label="Strategy sections started" />
        <span className="muted" data-testid="strategy-progress">
          {filled.length} of {sectionIds.length} sections started
        </span>
        {caseId ? <ItemLink id={caseId} /> : <span className="muted">The facilitator has not chosen the case yet.</span>}
      </div>
      <TeamMlTestScoreSummary client={client} teamId={teamId} />
      {template.sections.map((section, i) => (
        <details key={section.id} className="card" open={i === 0}>
          <summary>
            <strong>{/^\d/.test(section.title) ? section.title : `${i + 1}. ${section.title}`}</strong>{' '}
            {filled.includes(section.id) ? <span className="tag">started</span> : null}
          </summary>
          <Markdown text={section.purpose} />
          <ul className="list">
            {section.guidingQuestions.map((q, j) => (
              <li key={j}>
                <Markdown text={q} inline />
              </li>
            ))}
          </ul>
          {section.hints.length ? (
            <details className="muted">
              <summary>Hints</summary>
              <ul className="list">
                {section.hints.map((h, j) => (
                  <li key={j}>
                    <Markdown text={h.text} inline /> {h.concept ? <ItemLink id={h.concept} showKind={false} /> : null}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <Suspense fallback={<p className="muted">Loading the editor…</p>}>
            <CollaborativeEditor client={client} docName={docName} field={section.id} label={`${section.title}: your team's answer`} userName={userName} readOnly={readOnly} />
          </Suspense>
        </details>
      ))}
    </div>
  );
}
