/**
 * A slide deck: the slide on a 16:9 stage, the list of slides, speaker notes, and the poll placed on the slide.
 * ← → (and PageUp/PageDown) move between slides; each slide has its own URL.
 */
import { ChevronLeft, ChevronRight, Vote } from 'lucide-react';
import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Slide } from '../../../shared/content/schema';
import { useContent } from '../content/ContentProvider';
import { Markdown, contentAssetUrl } from '../ui/Markdown';
import { ItemLink, ItemLinks, NotFound, PageHeader } from '../ui/bits';
import { SourceLine } from './Sources';

export function SlideView({ slide }: { slide: Slide }) {
  const { pack } = useContent();
  const diagram = slide.diagram ? pack.diagrams.find((d) => d.id === slide.diagram) : undefined;
  const visual = diagram ? (
    <div className="slide-diagram">
      <img src={contentAssetUrl(`diagrams/${diagram.file}`)} alt={diagram.alt} />
    </div>
  ) : slide.image ? (
    <div className="slide-diagram">
      <img src={contentAssetUrl(slide.image)} alt="" />
    </div>
  ) : null;
  return (
    <section className={`slide-stage layout-${slide.layout ?? 'content'}`} aria-label={`Slide: ${slide.title}`}>
      <h2>{slide.title}</h2>
      {slide.body && visual ? (
        <div className="slide-body-with-diagram">
          <Markdown text={slide.body} />
          {visual}
        </div>
      ) : (
        <>
          {slide.body ? <Markdown text={slide.body} /> : null}
          {visual}
        </>
      )}
    </section>
  );
}

export function DeckPage() {
  const { deckId, slideId } = useParams();
  const { pack } = useContent();
  const navigate = useNavigate();
  const deck = pack.decks.find((d) => d.id === deckId);
  const index = deck ? Math.max(0, deck.slides.findIndex((s) => s.id === slideId)) : 0;
  const slide = deck?.slides[index];
  const prev = deck?.slides[index - 1];
  const next = deck?.slides[index + 1];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!deck || e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      if ((e.key === 'ArrowRight' || e.key === 'PageDown') && next) navigate(`/kit/decks/${deck.id}/${next.id}`);
      if ((e.key === 'ArrowLeft' || e.key === 'PageUp') && prev) navigate(`/kit/decks/${deck.id}/${prev.id}`);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [deck, next, prev, navigate]);

  if (!deck || !slide) return <NotFound what="slide deck" />;
  const poll = slide.poll ? pack.polls.flatMap((b) => b.polls).find((p) => p.id === slide.poll) : undefined;
  return (
    <div className="page-wide">
      <PageHeader eyebrow="Slides" title={deck.title} />
      <div className="deck">
        <nav aria-label="Slides">
          <ol className="slide-list">
            {deck.slides.map((s, i) => (
              <li key={s.id}>
                <Link to={`/kit/decks/${deck.id}/${s.id}`} aria-current={i === index ? 'true' : undefined}>
                  <span className="n">{i + 1}</span>
                  <span>{s.title}</span>
                </Link>
              </li>
            ))}
          </ol>
        </nav>
        <div>
          <SlideView slide={slide} />
          <div className="slide-controls no-print">
            <Link className="btn" to={prev ? `/kit/decks/${deck.id}/${prev.id}` : '#'} aria-disabled={!prev} aria-label="Previous slide" onClick={(e) => !prev && e.preventDefault()}>
              <ChevronLeft size={18} aria-hidden="true" /> Previous
            </Link>
            <Link className="btn btn-primary" to={next ? `/kit/decks/${deck.id}/${next.id}` : '#'} aria-disabled={!next} aria-label="Next slide" onClick={(e) => !next && e.preventDefault()}>
              Next <ChevronRight size={18} aria-hidden="true" />
            </Link>
            <span className="count" aria-live="polite">
              Slide {index + 1} of {deck.slides.length}
            </span>
          </div>
          {poll ? (
            <div className="callout">
              <Vote size={16} aria-hidden="true" /> <strong>Ask the room:</strong> <ItemLink id={poll.id} showKind={false} />
            </div>
          ) : null}
          <section className="card notes" aria-label="Speaker notes">
            <h2 style={{ marginTop: 0, fontSize: '1rem' }}>Speaker notes</h2>
            <Markdown text={slide.notes} />
            <SourceLine sources={slide.sources} />
            {slide.concepts && slide.concepts.length > 0 ? <ItemLinks ids={slide.concepts} showKind={false} /> : null}
          </section>
        </div>
      </div>
    </div>
  );
}
