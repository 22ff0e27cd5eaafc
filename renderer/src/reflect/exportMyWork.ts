/**
 * Gathering a learner's own work for "Export my work", in the browser: the documents this learner may read (their
 * team's strategy, board and ML Test Score, their private journal, and their team's scores and comments once the
 * facilitator revealed them), each loaded from the device and then, when online, brought up to date with the room
 * (waiting a bounded time: offline, or with the host gone, the export holds what the device has). The page itself is
 * built by shared/report/learnerExport.ts.
 *
 * Owns: the steps of the export (reported one by one for the progress line), the file name, the download.
 */
import { teamOf, type Group } from '../../../shared/room/groups';
import type { ContentPack } from '../../../shared/content/schema';
import { buildLearnerExport, type LearnerExportInput } from '../../../shared/report/learnerExport';
import type { RoomClient } from '../../../shared/sync/roomClient';

/** How long one document may take to catch up with the room before the export goes on with the device's copy. */
const SYNC_WAIT_MS = 8000;

export const EXPORT_STEPS = ["Reading your team's strategy", "Reading your team's board", 'Reading your journal', "Reading your team's scores", 'Building the page'] as const;

export interface ExportedFile {
  name: string;
  blob: Blob;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function ready(client: RoomClient, name: string) {
  await client.loadedLocally(name);
  if (client.status === 'online') await Promise.race([client.whenSynced(name), pause(SYNC_WAIT_MS)]);
  return client.doc(name);
}

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/[\s_]+/g, '-')
      .toLowerCase()
      .slice(0, 40) || 'session'
  );
}

/** Builds the export, calling `onStep(index)` before each of EXPORT_STEPS (and letting the page paint it). */
export async function exportMyWork(
  client: RoomClient,
  pack: ContentPack,
  who: { learnerName: string; sessionTitle: string },
  onStep: (index: number) => void,
): Promise<ExportedFile> {
  const me = client.welcome?.role === 'learner' ? client.welcome.learnerId : null;
  if (!me) throw new Error('this screen has not joined the room as a learner yet');
  const step = async (i: number) => {
    onStep(i);
    await pause(0);
  };
  const groups = client.doc('groups').getMap('groups').toJSON() as Record<string, Group>;
  const teamId = teamOf(groups, me);
  const group = teamId ? groups[teamId] : undefined;
  const docs: LearnerExportInput['docs'] = {};
  let revealed = false;

  await step(0);
  if (teamId) {
    docs.strategy = await ready(client, `team/${teamId}/strategy`);
    docs.mltestscore = await ready(client, `team/${teamId}/mltestscore`);
  }
  await step(1);
  if (teamId) docs.board = await ready(client, `team/${teamId}/board`);
  await step(2);
  docs.journal = await ready(client, `learner/${me}/journal`);
  await step(3);
  if (teamId) {
    const evaluateTeams = (await ready(client, 'evaluate')).getMap('teams').toJSON() as Record<string, { revealed?: boolean } | undefined>;
    revealed = evaluateTeams[teamId]?.revealed === true;
    if (revealed) {
      docs.tally = await ready(client, `evaluate/${teamId}/tally`);
      docs.feedback = await ready(client, `team/${teamId}/feedback`);
    }
  }
  await step(4);
  const state = client.doc('session').getMap('state').toJSON() as { elaborateCase?: string | null };
  const caseId = group?.caseId ?? state.elaborateCase ?? null;
  const html = buildLearnerExport(
    {
      learnerName: who.learnerName,
      sessionTitle: who.sessionTitle,
      exportedAt: new Date(client.hostNow()).toISOString(),
      team: teamId && group ? { id: teamId, name: group.name, caseTitle: caseId ? (pack.cases.find((c) => c.id === caseId)?.title ?? null) : null } : null,
      docs,
      revealed,
    },
    pack,
  );
  return { name: `my-work-${slug(who.sessionTitle)}-${slug(who.learnerName)}.html`, blob: new Blob([html], { type: 'text/html;charset=utf-8' }) };
}

/** Saves the file through the browser's download (the desktop app's window downloads it the same way). */
export function download(file: ExportedFile): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
