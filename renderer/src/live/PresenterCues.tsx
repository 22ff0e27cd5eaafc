/**
 * Owns: the projector's announcements, large enough for the back row: the phase change countdown ("Moving to
 * Explore in 8 s") and the facilitator's message ("5 minutes left") until it expires (shared/room/cues.ts). The same
 * cues learners get pinned on their screens (CueBar.tsx).
 */
import { liveMessage, movingCue } from '../../../shared/room/cues';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { useContent } from '../content/ContentProvider';
import { useNow, useSessionState } from './liveState';

export function PresenterCues({ client }: { client: RoomClient }) {
  const { pack } = useContent();
  const state = useSessionState(client);
  const now = useNow(500, client);
  const moving = movingCue(state, now);
  const message = liveMessage(state.broadcast, now, 'projector');
  return (
    <div className="presenter-cues" role="status" aria-live="polite">
      {moving ? (
        <p className="presenter-cue presenter-cue-moving" data-testid="presenter-moving">
          Moving to {pack.phases.find((p) => p.id === moving.phase)?.title ?? moving.phase} in {moving.seconds} s
        </p>
      ) : null}
      {message ? (
        <p className="presenter-cue" data-testid="presenter-message">
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
