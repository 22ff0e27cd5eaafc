/**
 * A team's lab in a room (issue 16, "In the room"): the lab workbench backed by the team's document and the
 * facilitator's clock. Loaded on demand from the learner's group card (live/MyGroup.tsx).
 *
 * Owns: the room's `LabApi` — the action list is `roomTimeline(team/<id>/lab entries, the session's incidents,
 * the room day)`, replayed by the lab worker (useLabEngine); `dispatch` appends `{ at: roomDay, action }` to the
 * team's document (teammates append concurrently, Yjs merges, an offline teammate's decisions merge later at the
 * day they were made). Every teammate's screen derives the same list, so the same lab. Nobody in a team advances
 * time: the facilitator's clock does (mode 'room', canAdvance false).
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { LabActionInput } from '../../../shared/lab/actions';
import { roomTimeline } from '../../../shared/lab/roomTimeline';
import type { Scenario } from '../../../shared/lab/scenarioSchema';
import type { RoomLab } from '../../../shared/room/roomLab';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { useContent } from '../content/ContentProvider';
import { appendTeamLabEntry, useRoomLab, useTeamLabEntries } from '../live/roomLabState';
import { mtsDocName } from '../team/TeamMlTestScore';
import { LabMlTestScore } from './LabMlTestScore';
import { LabWorkbench } from './LabWorkbench';
import { useLabEngine } from './useLabEngine';

export default function RoomTeamLab({ client, teamId }: { client: RoomClient; teamId: string }) {
  const { pack } = useContent();
  const lab = useRoomLab(client);
  const scenario = pack.lab.find((s) => s.id === lab.scenarioId);
  if (!scenario) return <p className="muted">The facilitator has not opened the lab for the room yet.</p>;
  return <TeamLab client={client} teamId={teamId} lab={lab} scenario={scenario} />;
}

function TeamLab({ client, teamId, lab, scenario }: { client: RoomClient; teamId: string; lab: RoomLab; scenario: Scenario }) {
  const entries = useTeamLabEntries(client, [teamId])[teamId];
  const actions = useMemo(() => roomTimeline(entries ?? [], lab.incidents, lab.day, lab.run), [entries, lab.incidents, lab.day, lab.run]);
  const stamp = useRef({ at: lab.day, run: lab.run });
  stamp.current = { at: lab.day, run: lab.run };
  const [storeError, setStoreError] = useState<string | null>(null);
  const dispatch = useCallback(
    (action: LabActionInput) => {
      if (client.readOnly) {
        setStoreError('The session has ended: the lab is kept as it was, read-only.');
        return;
      }
      setStoreError(appendTeamLabEntry(client, teamId, stamp.current, action));
    },
    [client, teamId],
  );
  const api = useLabEngine({ scenario, seed: lab.seed, actions, dispatch, mode: 'room', canAdvance: false, storeError });
  // The room's facts sit above the workbench (not in its aside): inside the group card the tabs need the width.
  return (
    <div className="stack">
      <p data-testid="room-lab-info" style={{ margin: 0 }}>
        <strong>{scenario.title}</strong> · the facilitator runs the clock: room day <strong>{lab.day}</strong>,{' '}
        {lab.running ? `${lab.speedDaysPerMin} days a minute` : 'paused'}.{' '}
        <span className="muted">
          Your whole team shares this lab: a decision by anyone is everyone’s, stamped with the day it was made. Incidents the facilitator
          injects hit every team on the same day.
        </span>
      </p>
      <LabWorkbench lab={api} />
      <LabMlTestScore
        lab={api}
        onMark={
          client.readOnly
            ? undefined
            : (marks) => {
                const doc = client.doc(mtsDocName(teamId));
                doc.transact(() => {
                  for (const [id, points] of Object.entries(marks)) doc.getMap('marks').set(id, points);
                });
              }
        }
      />
    </div>
  );
}
