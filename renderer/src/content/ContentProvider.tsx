/**
 * Loads the validated content pack from the host the page came from (`/content/pack.json`) and hands it to
 * the app. Three outcomes, each with its own screen: loading, the pack, or an error that says what to do
 * (content problems list file and field; an unreachable host says so).
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ContentPack } from '../../../shared/content/schema';
import type { ContentIssue } from '../../../shared/content/pack';
import { buildItemIndex, type ItemIndex } from './itemIndex';
import { ContentErrorPage, LoadingPage } from './ContentErrorPage';

export type ContentState =
  | { status: 'loading' }
  | { status: 'ready'; pack: ContentPack; index: ItemIndex }
  | { status: 'invalid'; issues: ContentIssue[] }
  | { status: 'unreachable'; message: string };

const ContentContext = createContext<{ pack: ContentPack; index: ItemIndex } | null>(null);

export async function fetchPack(): Promise<Exclude<ContentState, { status: 'loading' }>> {
  let response: Response;
  try {
    // The default cache mode, so that the page's preload of the pack (index.html) is used rather than fetched again;
    // still always fresh: the host sends the pack with `Cache-Control: no-cache` and an ETag (revalidated, 304).
    response = await fetch('/content/pack.json');
  } catch (error) {
    return { status: 'unreachable', message: (error as Error).message };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { status: 'unreachable', message: `the host answered ${response.status} without a content pack` };
  }
  const data = body as { ok?: boolean; pack?: ContentPack; issues?: ContentIssue[] };
  if (data.ok && data.pack) {
    const pack = await withAnswers(data.pack);
    return { status: 'ready', pack, index: buildItemIndex(pack) };
  }
  if (Array.isArray(data.issues)) return { status: 'invalid', issues: data.issues };
  return { status: 'unreachable', message: `unexpected answer from the host (HTTP ${response.status})` };
}

/**
 * The pack everyone gets has no quiz answers (learners load it too); the facilitator — a page holding the host key,
 * from the facilitator link — adds them from `/content/answers.json`. Without them the pack still works.
 */
async function withAnswers(pack: ContentPack): Promise<ContentPack> {
  const key = /#key=([A-Za-z0-9_-]+)/.exec(location.hash)?.[1] ?? sessionStorage.getItem('workshop-kit:host-key');
  if (!key) return pack;
  try {
    const response = await fetch('/content/answers.json', { cache: 'no-cache', headers: { Authorization: `Bearer ${key}` } });
    if (!response.ok) return pack;
    const answers = (await response.json()) as Record<string, { correct?: string[]; explanation?: string }>;
    return { ...pack, polls: pack.polls.map((bank) => ({ ...bank, polls: bank.polls.map((poll) => ({ ...poll, ...(answers[poll.id] ?? {}) })) })) };
  } catch {
    return pack;
  }
}

export function ContentProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<ContentState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    void fetchPack().then((next) => live && setState(next));
    return () => {
      live = false;
    };
  }, []);
  const value = useMemo(() => (state.status === 'ready' ? { pack: state.pack, index: state.index } : null), [state]);
  if (state.status === 'loading') return <LoadingPage />;
  if (state.status !== 'ready') return <ContentErrorPage state={state} />;
  return <ContentContext.Provider value={value ?? { pack: state.pack, index: state.index }}>{children}</ContentContext.Provider>;
}

/** The pack when inside the provider, otherwise null (for components that also render outside it). */
export function useOptionalContent(): { pack: ContentPack; index: ItemIndex } | null {
  return useContext(ContentContext);
}

export function useContent(): { pack: ContentPack; index: ItemIndex } {
  const value = useContext(ContentContext);
  if (!value) throw new Error('useContent() outside <ContentProvider>');
  return value;
}
