/**
 * Owns: a team's ML Test Score, written together in `team/<teamId>/mltestscore` (Y.Map `marks`: test id → 0, 0.5
 * or 1). The full form for the team, and a one-line summary attached to the team's strategy. The map is read as
 * untrusted: only the rubric's test ids with a valid value count (shared/room/mlTestScore.ts).
 */
import { useMemo } from 'react';
import { formatMts, sanitizeMarks, type MtsResult } from '../../../shared/room/mlTestScore';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { useContent } from '../content/ContentProvider';
import { MlTestScoreResult, MlTestScoreTests, useMlTestScore } from '../mltestscore/MlTestScoreForm';
import { useYMapJson } from '../sync/RoomProvider';

export const mtsDocName = (teamId: string) => `team/${teamId}/mltestscore`;

/** The team's score, live (null when the pack has no ML Test Score). */
export function useTeamMlTestScore(client: RoomClient | null, teamId: string): MtsResult | null {
  const { pack } = useContent();
  const raw = useYMapJson<unknown>(client, mtsDocName(teamId), 'marks');
  return useMlTestScore(pack.mltestscore[0], raw);
}

export function TeamMlTestScore({ client, teamId, readOnly = false }: { client: RoomClient; teamId: string; readOnly?: boolean }) {
  const { pack } = useContent();
  const rubric = pack.mltestscore[0];
  const raw = useYMapJson<unknown>(client, mtsDocName(teamId), 'marks');
  const marks = useMemo(() => (rubric ? sanitizeMarks(rubric, raw) : {}), [rubric, raw]);
  const result = useMlTestScore(rubric, raw);
  if (!rubric || !result) return null;
  return (
    <div className="stack" data-testid="team-mltestscore">
      <p className="muted">
        Score one ML system together (your case or one from your work): each of you can mark a test, everyone sees the same marks. The score is the paper&apos;s:
        the minimum of the four sections.
      </p>
      <MlTestScoreResult result={result} />
      <MlTestScoreTests
        rubric={rubric}
        marks={marks}
        scope={`team-${teamId}`}
        onMark={readOnly ? undefined : (testId, points) => client.doc(mtsDocName(teamId)).getMap('marks').set(testId, points)}
      />
    </div>
  );
}

/** One line for the strategy view: the final score, its band, and how far the team got. */
export function TeamMlTestScoreSummary({ client, teamId }: { client: RoomClient; teamId: string }) {
  const result = useTeamMlTestScore(client, teamId);
  if (!result) return null;
  return (
    <p className="muted" data-testid="strategy-mltestscore">
      ML Test Score:{' '}
      {result.marked === 0 ? (
        'not assessed yet'
      ) : (
        <>
          <strong>{formatMts(result.final)}</strong> {result.band ? <span className="tag">{result.band.label}</span> : null} ({result.sections.map((s) => formatMts(s.score)).join(' · ')};{' '}
          {result.marked} of {result.total} tests marked)
        </>
      )}
    </p>
  );
}
