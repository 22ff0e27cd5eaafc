/**
 * Owns: the console's table of every team's ML Test Score — the four section scores, the final score (their
 * minimum) and its band, live from each team's `team/<teamId>/mltestscore` document.
 */
import { formatMts } from '../../../shared/room/mlTestScore';
import type { Group } from '../../../shared/room/groups';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { useContent } from '../content/ContentProvider';
import { useTeamMlTestScore } from '../team/TeamMlTestScore';
import { useGroups } from './groupState';

function TeamRow({ client, group }: { client: RoomClient; group: Group }) {
  const result = useTeamMlTestScore(client, group.id);
  if (!result) return null;
  return (
    <tr data-testid={`mts-row-${group.id}`}>
      <th scope="row">{group.name}</th>
      {result.sections.map((s) => (
        <td key={s.id}>{formatMts(s.score)}</td>
      ))}
      <td>
        <strong>{result.marked ? formatMts(result.final) : '—'}</strong>
      </td>
      <td>{result.marked ? (result.band?.label ?? '') : `not assessed`}</td>
      <td className="muted">
        {result.marked}/{result.total}
      </td>
    </tr>
  );
}

export function ConsoleMlTestScores({ client }: { client: RoomClient }) {
  const { pack } = useContent();
  const rubric = pack.mltestscore[0];
  const groups = Object.values(useGroups(client)).sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }));
  if (!rubric) return null;
  if (groups.length === 0) return <p className="muted">Form groups first: each team scores its system under “Our ML Test Score”.</p>;
  return (
    <table data-testid="console-mltestscores">
      <thead>
        <tr>
          <th scope="col">Team</th>
          {rubric.categories.map((c) => (
            <th key={c.id} scope="col" title={c.name}>
              {c.name.replace(/^Tests for /, '')}
            </th>
          ))}
          <th scope="col">Final</th>
          <th scope="col">Band</th>
          <th scope="col">Marked</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <TeamRow key={g.id} client={client} group={g} />
        ))}
      </tbody>
    </table>
  );
}
