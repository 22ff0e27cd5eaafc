/** Small building blocks shared by the kit pages. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useContent } from '../content/ContentProvider';
import { KIND_LABELS } from '../content/itemIndex';

export function PageHeader({ eyebrow, title, lead, children }: { eyebrow?: string; title: string; lead?: ReactNode; children?: ReactNode }) {
  return (
    <header className="page-header">
      {eyebrow ? <div className="eyebrow">{eyebrow}</div> : null}
      <h1>{title}</h1>
      {lead ? <div className="lead">{lead}</div> : null}
      {children ? <div className="page-actions no-print">{children}</div> : null}
    </header>
  );
}

/** A link to any item of the pack by id, labelled with its kind. */
export function ItemLink({ id, showKind = true }: { id: string; showKind?: boolean }) {
  const { index } = useContent();
  const item = index.get(id);
  if (!item) return <span className="tag">{id}</span>;
  return (
    <Link className="tag" to={item.route}>
      {showKind ? `${KIND_LABELS[item.kind]}: ` : ''}
      {item.title}
    </Link>
  );
}

export function ItemLinks({ ids, showKind = true, empty = 'None.' }: { ids: string[] | undefined; showKind?: boolean; empty?: string }) {
  if (!ids || ids.length === 0) return <p className="empty">{empty}</p>;
  return (
    <div className="tags">
      {ids.map((id) => (
        <ItemLink key={id} id={id} showKind={showKind} />
      ))}
    </div>
  );
}

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <section className="section" id={id} aria-labelledby={id ? `${id}-h` : undefined}>
      <h2 id={id ? `${id}-h` : undefined}>{title}</h2>
      {children}
    </section>
  );
}

export function NotFound({ what }: { what: string }) {
  return (
    <div className="page">
      <PageHeader eyebrow="Not found" title={`No such ${what}`} lead="It may have been renamed or removed from the content pack." />
      <Link className="btn btn-primary" to="/">
        Back to the lesson overview
      </Link>
    </div>
  );
}

export function formatClock(totalMinutes: number): string {
  const h = Math.floor(totalMinutes / 60);
  const m = totalMinutes % 60;
  return `${h}:${String(m).padStart(2, '0')}`;
}
