/**
 * Owns: how the room's brainstorm board fits the learner's screen. On a phone (< 600 px) the board is shown as a
 * read-only picture with a note to open it on a larger screen, and a button to open the whole board anyway; on a
 * tablet or laptop the board itself, with a full-screen view (the cue bar stays above it).
 */
import { Maximize2, Minimize2 } from 'lucide-react';
import { Suspense, useEffect, useState, useSyncExternalStore } from 'react';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { LazyBoardPreview, LazyTeamBoard } from '../team/loadTeamBoard';

const PHONE = '(max-width: 599px)';

export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (notify) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', notify);
      return () => list.removeEventListener('change', notify);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

export function RoomBoard({ client, docName }: { client: RoomClient; docName: string }) {
  const phone = useMediaQuery(PHONE);
  const [anyway, setAnyway] = useState(false);
  const [full, setFull] = useState(false);
  useEffect(() => {
    if (!full) return;
    const onKey = (e: KeyboardEvent) => (e.key === 'Escape' ? setFull(false) : undefined);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [full]);

  if (phone && !anyway) {
    return (
      <div data-testid="board-phone">
        <Suspense fallback={<p className="muted">Loading the board picture…</p>}>
          <LazyBoardPreview client={client} docName={docName} label="The room's brainstorm board" height={260} list />
        </Suspense>
        <p className="muted board-phone-note">A picture of the board: open it on a larger screen (a laptop or tablet) to draw.</p>
        <button type="button" className="btn" onClick={() => setAnyway(true)}>
          Open the board here anyway
        </button>
      </div>
    );
  }
  return (
    <div className={full ? 'board-full' : undefined} role={full ? 'dialog' : undefined} aria-modal={full ? true : undefined} aria-label={full ? 'Room board, full screen' : undefined}>
      <div className="page-actions" style={{ marginTop: 0 }}>
        <button type="button" className="btn" aria-pressed={full} onClick={() => setFull(!full)}>
          {full ? <Minimize2 size={16} aria-hidden="true" /> : <Maximize2 size={16} aria-hidden="true" />} {full ? 'Leave full screen' : 'Full screen board'}
        </button>
      </div>
      <Suspense fallback={<p className="muted">Loading the whiteboard…</p>}>
        <LazyTeamBoard client={client} docName={docName} label="The room's brainstorm board" readOnly={client.readOnly} />
      </Suspense>
    </div>
  );
}
