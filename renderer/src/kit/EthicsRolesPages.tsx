/** Safety and ethics discussion prompts, and the team roles for Elaborate. */
import { useContent } from '../content/ContentProvider';
import { Markdown, MarkdownList } from '../ui/Markdown';
import { ItemLink, PageHeader, Section } from '../ui/bits';
import { SourceLine } from './Sources';

export function EthicsPage() {
  const { pack } = useContent();
  return (
    <div className="page">
      <PageHeader eyebrow="Safety & ethics" title="Automated decisions and privacy" lead="Prompts for discussion, each tied to a case study." />
      {pack.lesson.safety.length > 0 ? <MarkdownList items={pack.lesson.safety} /> : null}
      {pack.ethics.map((e) => (
        <Section key={e.id} title={e.title} id={e.id}>
          <Markdown text={e.body} />
          <ol className="list">
            {e.prompts.map((p) => (
              <li key={p.id} id={p.id}>
                <Markdown text={p.prompt} inline /> {p.case ? <ItemLink id={p.case} showKind={false} /> : null}
              </li>
            ))}
          </ol>
          <SourceLine sources={e.sources} />
        </Section>
      ))}
    </div>
  );
}

export function RolesPage() {
  const { pack } = useContent();
  const profiles = new Map((pack.lesson.profiles ?? []).map((p) => [p.id, p.label]));
  return (
    <div className="page">
      <PageHeader eyebrow="Team roles" title="Roles for the strategy design" lead="Assign by strength (the lesson's differentiation): each role owns part of the strategy and of the presentation." />
      <div className="grid">
        {pack.roles.map((r) => (
          <div key={r.id} id={r.id} className="card">
            <h3>{r.name}</h3>
            <Markdown text={r.summary} />
            <MarkdownList items={r.responsibilities} />
            {r.goodFitFor ? <p className="muted">Good fit: {r.goodFitFor.map((id) => profiles.get(id) ?? id).join(', ')}</p> : null}
          </div>
        ))}
      </div>
      {pack.roles.length === 0 ? <p className="empty">No roles in this pack yet.</p> : null}
    </div>
  );
}
