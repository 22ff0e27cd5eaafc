/**
 * Where each poll of the bank is used: the slide that carries it (a deck slide's `poll`), so the bank can say
 * "Explain · slide 6, What makes ML systems different". Pure.
 */
import type { ContentPack } from '../../../shared/content/schema';

export interface PollPlacement {
  deckId: string;
  slideId: string;
  /** 1-based position of the slide in its deck. */
  number: number;
  title: string;
}

export function pollPlacements(pack: Pick<ContentPack, 'decks'>): Map<string, PollPlacement> {
  const out = new Map<string, PollPlacement>();
  for (const deck of pack.decks) {
    deck.slides.forEach((slide, i) => {
      if (slide.poll && !out.has(slide.poll)) out.set(slide.poll, { deckId: deck.id, slideId: slide.id, number: i + 1, title: slide.title });
    });
  }
  return out;
}
