/**
 * The facilitator's gallery of team work: every group's board (as a live picture), notes (live, read-only here)
 * and strategy progress; open any board, or the strategy on one page (StrategySummary); one click to put a team's work on the
 * projector. Also what the presenter shows when a team is on screen, and what other learners read once the
 * facilitator shares a team's work (SharedTeams).
 */
import { lazy, Suspense, useMemo } from 'react';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { useContent } from '../content/ContentProvider';
import { LazyBoardPreview, LazyTeamBoard } from '../team/loadTeamBoard';
import { StrategySummary } from '../team/StrategySummary';
import { useFilledSections } from '../team/TeamStrategy';
import { Disclosure } from '../ui/Disclosure';
import { useGroups } from './groupState';
import { useSessionState, writeState } from './liveState';

const CollaborativeEditor = lazy(() => import('../team/CollaborativeEditor'));

/** A team's board, strategy progress and notes; `boardOnly` (a pitch on the projector, beside the strategy summary): the board alone, taller. */
export function TeamWork({
  client,
  teamId,
  large = false,
  boardOnly = false,
  viewer = 'Facilitator',
}: {
  client: RoomClient;
  teamId: string;
  large?: boolean;
  boardOnly?: boolean;
  viewer?: string;
}) {
  const { pack } = useContent();
  const groups = useGroups(client);
  const ids = useMemo(() => pack.templates[0]?.sections.map((s) => s.id) ?? [], [pack]);
  const filled = useFilledSections(client, `team/${teamId}/strategy`, ids);
  const state = useSessionState(client);
  const group = groups[teamId];
  if (!group) return null;
  return (
    <div className={large ? 'poll-results-large' : undefined} data-testid={`team-work-${teamId}`}>
      <Suspense fallback={<p className="muted">Loading the board…</p>}>
        <LazyBoardPreview
          client={client}
          docName={`team/${teamId}/board`}
          label={`${group.name} board`}
          height={boardOnly ? 600 : large ? 420 : 200}
        />
      </Suspense>
      {boardOnly ? null : (
        <>
          <p className="muted">
            Strategy: {filled.length} of {ids.length} sections started
          </p>
          {/* A scrolling box: focusable and named, so a keyboard user can scroll it too. */}
          <div
            className={large ? undefined : 'gallery-notes'}
            tabIndex={large ? undefined : 0}
            role={large ? undefined : 'region'}
            aria-label={large ? undefined : `${group.name} notes, scrollable`}
          >
            <Suspense fallback={<p className="muted">Loading…</p>}>
              <CollaborativeEditor
                client={client}
                docName={`team/${teamId}/notes`}
                field="notes"
                label={`${group.name} notes (read-only)`}
                userName={viewer}
                readOnly
              />
            </Suspense>
          </div>
        </>
      )}
      {large || boardOnly ? null : (
        <>
          <Disclosure className="section" summary={<strong>Open the board</strong>}>
            <Suspense fallback={<p className="muted">Loading the whiteboard…</p>}>
              <LazyTeamBoard client={client} docName={`team/${teamId}/board`} label={`${group.name}'s board`} readOnly userName={viewer} />
            </Suspense>
          </Disclosure>
          <Disclosure className="section" summary={<strong>Read the strategy</strong>}>
            <StrategySummary client={client} teamId={teamId} caseId={group.caseId ?? state.elaborateCase ?? null} />
          </Disclosure>
        </>
      )}
    </div>
  );
}

/** The room-wide brainstorm board (Engage): its live picture, open it to draw, send everyone to it and to the projector. */
function BrainstormCard({ client }: { client: RoomClient }) {
  const state = useSessionState(client);
  const onScreen = state.pushed?.kind === 'brainstorm';
  return (
    <div className="card" data-testid="brainstorm-card">
      <h3 style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
        Room brainstorm (Engage)
        <button
          type="button"
          className={`btn ${onScreen ? 'btn-primary' : ''}`}
          aria-pressed={onScreen}
          onClick={() => writeState(client, { pushed: onScreen ? null : { kind: 'brainstorm' } })}
        >
          {onScreen ? 'On every screen' : 'Open it on every screen'}
        </button>
      </h3>
      <Suspense fallback={<p className="muted">Loading the board…</p>}>
        <LazyBoardPreview client={client} docName="room/brainstorm" label="Room brainstorm" height={200} />
      </Suspense>
      <Disclosure className="section" summary={<strong>Open the board</strong>}>
        <Suspense fallback={<p className="muted">Loading the whiteboard…</p>}>
          <LazyTeamBoard client={client} docName="room/brainstorm" label="The room's brainstorm board" userName="Facilitator" readOnly={client.readOnly} />
        </Suspense>
      </Disclosure>
    </div>
  );
}

export function TeamGallery({ client }: { client: RoomClient }) {
  const groups = useGroups(client);
  const state = useSessionState(client);
  const list = Object.values(groups).sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }));
  return (
    <div className="grid-2" data-testid="team-gallery">
      <BrainstormCard client={client} />
      {list.length === 0 ? <p className="empty">Form groups to see their work here.</p> : null}
      {list.map((g) => {
        const onScreen = state.pushed?.kind === 'team' && state.pushed.teamId === g.id;
        return (
          <div key={g.id} className="card">
            <h3 style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
              {g.name}
              <button
                type="button"
                className={`btn ${onScreen ? 'btn-primary' : ''}`}
                aria-pressed={onScreen}
                onClick={() => writeState(client, { pushed: onScreen ? null : { kind: 'team', teamId: g.id } })}
              >
                {onScreen ? 'On the projector' : 'Show on the projector'}
              </button>
            </h3>
            <TeamWork client={client} teamId={g.id} />
          </div>
        );
      })}
    </div>
  );
}

/** For learners: the work of other teams the facilitator has shared with the room (read-only), e.g. for presentations. */
export function SharedTeams({ client, viewer }: { client: RoomClient; viewer: string }) {
  const groups = useGroups(client);
  const me = client.welcome?.learnerId;
  const shared = Object.values(groups)
    .filter((g) => g.shared && !(me && g.members.includes(me)))
    .sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }));
  if (shared.length === 0) return null;
  return (
    <section className="section" id="shared-teams" data-testid="shared-teams">
      <h2>Shared by other teams</h2>
      <p className="muted">Read-only: the facilitator shared these for the presentations.</p>
      {shared.map((g) => (
        <Disclosure key={g.id} className="card section" summary={<strong>{g.name}&apos;s work</strong>}>
          <TeamWork client={client} teamId={g.id} viewer={viewer} />
        </Disclosure>
      ))}
    </section>
  );
}
