/**
 * The pre-work page (/kit/prework): what the facilitator sends a week before the day, printable as a
 * self-contained PDF. The kit runs on the facilitator's laptop and learners cannot reach it before the day, so
 * the readings are printed in full below the list (cases with their at-a-glance block and who reads what).
 */
import { useContent } from '../content/ContentProvider';
import { Markdown, MarkdownList } from '../ui/Markdown';
import { PageHeader, Section } from '../ui/bits';
import { AgendaTimeline, phasesInOrder } from './AgendaTimeline';
import { AtAGlance, RoleReading } from './DeliveryParts';
import { PrintButton } from './GuidePage';

export function PreWorkPage() {
  const { pack } = useContent();
  const { lesson } = pack;
  const pre = lesson.preWork;
  if (!pre) {
    return (
      <article className="page">
        <PageHeader eyebrow="Pre-work" title={lesson.title} />
        <p className="empty">This lesson has no pre-work (add `preWork` to lesson.yaml).</p>
      </article>
    );
  }
  const label = (id: string) => lesson.profiles?.find((p) => p.id === id)?.label ?? id;
  const required = pre.items.filter((i) => !i.optional).reduce((n, i) => n + i.minutes, 0);
  const readings = pre.items.filter((i) => i.item !== undefined);
  return (
    <article className="page prework" data-testid="prework">
      <PageHeader eyebrow="Before the workshop" title={lesson.title} lead={lesson.subtitle}>
        <PrintButton label="Print or save as PDF" />
      </PageHeader>
      <Markdown text={pre.intro} />
      <Section title={`What to do (about ${required} minutes, plus optional reading)`} id="items">
        <ol className="list">
          {pre.items.map((item, i) => (
            <li key={i} data-testid="prework-item">
              <strong>{item.title}</strong> <span className="muted">· {item.minutes} min</span>
              {item.optional ? <> <span className="tag">optional</span></> : null}
              {item.profiles ? <span className="muted"> · for {item.profiles.map(label).join(', ')}</span> : null}
              <Markdown text={item.what} />
            </li>
          ))}
        </ol>
      </Section>
      <Section title="The day" id="agenda">
        <AgendaTimeline phases={phasesInOrder(lesson.phases, pack.phases)} />
      </Section>
      <Section title={`ML in ${pre.primerInSession.minutes} minutes`} id="primer">
        <Markdown text={pre.primerInSession.text} />
      </Section>
      {readings.map((item) => {
        const c = pack.cases.find((x) => x.id === item.item);
        const r = pack.resources.find((x) => x.id === item.item);
        if (c) {
          return (
            <section key={c.id} className="section print-break" aria-labelledby={`pre-${c.id}`}>
              <h2 id={`pre-${c.id}`}>{c.title}</h2>
              <AtAGlance c={c} />
              {c.roleReading ? (
                <>
                  <h3>Who reads what</h3>
                  <RoleReading c={c} />
                </>
              ) : null}
              <dl className="facts">
                {c.facts.map((f, i) => (
                  <div key={i} style={{ display: 'contents' }}>
                    <dt>{f.label}</dt>
                    <dd>
                      <Markdown text={f.value} inline />
                    </dd>
                  </div>
                ))}
              </dl>
              <Markdown text={c.body} />
              {c.incidents ? (
                <>
                  <h3>Incidents so far</h3>
                  <MarkdownList items={c.incidents} />
                </>
              ) : null}
              <h3>Constraints</h3>
              <MarkdownList items={c.constraints} />
            </section>
          );
        }
        if (r) {
          return (
            <section key={r.id} className="section print-break" aria-labelledby={`pre-${r.id}`}>
              <h2 id={`pre-${r.id}`}>
                {r.title} {item.optional ? <span className="tag">optional</span> : null}
              </h2>
              <Markdown text={r.summary} />
              <MarkdownList items={r.keyPoints} />
              {r.body ? <Markdown text={r.body} /> : null}
            </section>
          );
        }
        return null;
      })}
    </article>
  );
}
