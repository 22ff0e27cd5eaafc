/**
 * The large-room plan on the facilitator's console: once the room has as many teams as the phase's `largeRoom`
 * says, the run-of-show card also shows the large-room step for the phase clock and the cuts to make at this size
 * (the timing cues per room size). Below that size it shows nothing.
 *
 * Owns: that panel only; which plan and step apply is shared/content/largeRoom.ts.
 */
import type { Phase } from '../../../shared/content/schema';
import { largeRoomNow } from '../../../shared/content/largeRoom';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { Markdown } from '../ui/Markdown';
import { useGroups } from './groupState';

export function ConsoleLargeRoom({ client, phase, elapsedMs }: { client: RoomClient; phase: Phase; elapsedMs: number }) {
  const teams = Object.keys(useGroups(client)).length;
  const now = largeRoomNow(phase, teams, elapsedMs);
  if (!now) return null;
  return (
    <div className="callout" data-testid="console-large-room" data-teams={teams}>
      <strong>
        Large room ({teams} teams): +{now.step.minute}′ {now.step.title}
      </strong>
      <Markdown text={now.step.does} />
      {now.cuts.length > 0 ? (
        <>
          <strong>Cut at this size</strong>
          <ul className="list">
            {now.cuts.map((c, i) => (
              <li key={i}>
                <Markdown text={c.cut} inline /> <span className="muted">(saves {c.saves} min)</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
