/**
 * The facilitator's gallery of team work: every group's notes (live, read-only here) and strategy progress, one
 * click to put a team's work on the projector. Also what the presenter shows when a team is on screen.
 */
import { lazy, Suspense, useMemo } from 'react';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { useContent } from '../content/ContentProvider';
import { useFilledSections } from '../team/TeamStrategy';
import { useGroups } from './ConsoleGroups';
import { useSessionState, writeState } from './liveState';

const CollaborativeEditor = lazy(() => import('../team/CollaborativeEditor'));

export function TeamWork({ client, teamId, large = false }: { client: RoomClient; teamId: string; large?: boolean }) {
  const { pack } = useContent();
  const groups = useGroups(client);
  const ids = useMemo(() => pack.templates[0]?.sections.map((s) => s.id) ?? [], [pack]);
  const filled = useFilledSections(client, `team/${teamId}/strategy`, ids);
  const group = groups[teamId];
  if (!group) return null;
  return (
    <div className={large ? 'poll-results-large' : undefined} data-testid={`team-work-${teamId}`}>
      <p className="muted">
        Strategy: {filled.length} of {ids.length} sections started
      </p>
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <CollaborativeEditor client={client} docName={`team/${teamId}/notes`} field="notes" label={`${group.name} notes (read-only)`} userName="Facilitator" readOnly />
      </Suspense>
    </div>
  );
}

export function TeamGallery({ client }: { client: RoomClient }) {
  const groups = useGroups(client);
  const state = useSessionState(client);
  const list = Object.values(groups).sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }));
  if (list.length === 0) return <p className="empty">Form groups to see their work here.</p>;
  return (
    <div className="grid-2" data-testid="team-gallery">
      {list.map((g) => {
        const onScreen = state.pushed?.kind === 'team' && state.pushed.teamId === g.id;
        return (
          <div key={g.id} className="card">
            <h3 style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
              {g.name}
              <button type="button" className={`btn ${onScreen ? 'btn-primary' : ''}`} aria-pressed={onScreen} onClick={() => writeState(client, { pushed: onScreen ? null : { kind: 'team', teamId: g.id } })}>
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
