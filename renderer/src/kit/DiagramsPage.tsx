/**
 * Framework diagrams: a gallery and one diagram at full width. SVGs are files of the pack, rendered as images.
 * Below them, the board pieces teams find in their whiteboard's library (content/libraries/).
 */
import { Link, useParams } from 'react-router';
import { useContent } from '../content/ContentProvider';
import { Markdown, contentAssetUrl } from '../ui/Markdown';
import { ItemLinks, NotFound, PageHeader } from '../ui/bits';
import { SourceLine } from './Sources';

export function DiagramsPage() {
  const { pack } = useContent();
  return (
    <div className="page-wide">
      <PageHeader eyebrow="Framework diagrams" title="Diagrams" lead="Vector drawings used in the slides; open one to show it large. Below: the pieces teams draw with on their boards." />
      <div className="grid">
        {pack.diagrams.map((d) => (
          <Link key={d.id} to={`/kit/diagrams/${d.id}`} className="card card-link">
            <figure className="diagram-figure">
              <img src={contentAssetUrl(`diagrams/${d.file}`)} alt={d.alt} loading="lazy" />
              <figcaption>
                <strong>{d.title}</strong>
              </figcaption>
            </figure>
          </Link>
        ))}
      </div>
      {pack.diagrams.length === 0 ? <p className="empty">No diagrams in this pack yet.</p> : null}
      {(pack.libraries ?? []).map((library) => (
        <section key={library.id} className="section" id={library.id} data-testid="board-pieces">
          <h2>{library.title}</h2>
          <Markdown text={library.description} />
          <div className="grid">
            {library.pieces.map((piece) => (
              <div key={piece.id} className="card" id={piece.id}>
                <h3 style={{ marginTop: 0 }}>{piece.name}</h3>
                <Markdown text={piece.description} />
                <ItemLinks ids={piece.concepts} showKind={false} empty="" />
              </div>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}

export function DiagramPage() {
  const { id } = useParams();
  const { pack } = useContent();
  const d = pack.diagrams.find((x) => x.id === id);
  if (!d) return <NotFound what="diagram" />;
  return (
    <article className="page-wide">
      <PageHeader eyebrow="Diagram" title={d.title} />
      <figure className="diagram-figure">
        <img src={contentAssetUrl(`diagrams/${d.file}`)} alt={d.alt} />
        <figcaption>
          <Markdown text={d.caption} />
        </figcaption>
      </figure>
      <SourceLine sources={d.sources} />
      <ItemLinks ids={d.concepts} showKind={false} empty="" />
    </article>
  );
}
