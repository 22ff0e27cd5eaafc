/**
 * `npm run bench:evaluate -- [--learners 60] [--teams 12] [--window 20000] [--seed 1] [--circles N] [--keep-data]`
 *
 * The Evaluate phase, end to end against the real host: the facilitator forms N teams and runs the presentation
 * queue; the teams pitch in turn within --window ms in all (each team's slot is window / teams); during a team's
 * slot every learner not in it sends one score with a level for every criterion of the content's rubric (and a
 * strength and a question), and the facilitator scores it too. Then the facilitator reveals every team and every
 * learner opens every team's tally. With `--circles N`, the teams pitch in parallel circles of N (the host forms them
 * from the queue; shared/room/circles.ts): the window is split into rounds, in each round one team of every circle
 * pitches, and each learner scores only the other teams of their circle (the output line gains `"circles": N`).
 * Progress goes to stderr; the LAST line of stdout is one JSON object (a contract: keep the key names):
 *   {"learners","teams","scores","p95_score_to_tally_ms","tallyCorrect","reportMs","reportBytes", …}
 * `reportMs` / `reportBytes`: the session report (shared/report/report.ts) built from this finished session's archive,
 * fetched from the host (`GET /api/sessions/<id>/archive`): the time to decode the archive and build the HTML, in
 * this process, and the HTML's size in bytes (`reportRouteMs`: the same through the host's report route, export
 * included, as the console's button does it).
 *
 * Score → tally, attributed exactly (as bench/poll.ts does for votes): the host applies one command at a time; an
 * accepted score is one transaction on the host-only `evaluate-scores` document (one key: the scorer, in the team's
 * map) followed by one transaction on `evaluate/<team>/tally`, both appended to the session's log in order. We
 * replay the log to get, per team, the order the host processed the scores in; the facilitator's k-th observed
 * change of a team's tally is the first that includes the k-th processed score (one socket, TCP order). The
 * attribution is verified: replaying that order through the host's own tallyTeam() must give the k-th tally seen
 * (`orderVerified`); the final tallies must equal those computed from the scores sent (`tallyCorrect`), and so
 * must every learner's copy after the reveal.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { parse } from 'yaml';
import { benchCli } from './cli';
import { startServerChild } from '../tests/helpers/serverChild';
import { seededRandom } from '../shared/room/groups';
import { assignedTeams, formCircles, presentersInRound, roundCount } from '../shared/room/circles';
import { decodeRecords } from '../electron/host/room/docLog';
import { rubricSchema } from '../shared/content/schema';
import { rubricSpec, tallyTeam, type TeamScore, type TeamTally } from '../shared/room/rubricScores';
import type { RoomClient } from '../shared/sync/roomClient';
import { connectClient, hostKeyOf, placeGroups } from '../tests/helpers/roomClients';
import { loadContentDir } from '../electron/host/contentLoader';
import { decodeArchive } from '../shared/report/archive';
import { buildReport } from '../shared/report/report';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The session report of the host's only session: built here from its archive, and fetched through its route. */
async function timeReport(
  url: string,
  key: string,
): Promise<{ reportMs: number | null; reportBytes: number; reportRouteMs: number | null }> {
  const api = (path: string) => fetch(new URL(path, url), { headers: { Authorization: `Bearer ${key}` } });
  const sessions = ((await (await api('/api/sessions')).json()) as { sessions: { id: string }[] }).sessions;
  const id = sessions[0]!.id;
  const archiveText = await (await api(`/api/sessions/${id}/archive`)).text();
  const content = await loadContentDir(join(repoRoot, 'content'));
  if (!content.ok) throw new Error('the content pack does not load');
  const started = performance.now();
  const decoded = decodeArchive(archiveText);
  if (!decoded.ok) throw new Error(decoded.message);
  const html = buildReport(decoded.archive, content.pack);
  const reportMs = r2(performance.now() - started);
  const routeStarted = performance.now();
  const res = await api(`/api/sessions/${id}/report`);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`the report route answered ${res.status}`);
  return { reportMs, reportBytes: Buffer.byteLength(html), reportRouteMs: r2(performance.now() - routeStarted) };
}
const log = (line: string) => process.stderr.write(`${line}\n`);

const USAGE = `Usage: npm run bench:evaluate -- [options]
  --learners N     simulated learners (default 60), plus the facilitator
  --teams N        teams that pitch in turn (default 12, at least 2, at most --learners)
  --window MS      all pitches within MS ms (default 20000): each team's slot is MS / teams
  --seed N         seed of the levels and send times (default 1)
  --circles N      parallel pitch circles of N teams (default: one queue); learners score their circle only
  --keep-data      keep the host's temporary data folder (its path is printed)`;

const cli = benchCli('bench:evaluate', USAGE);
const args = cli.parse(
  () =>
    parseArgs({
      options: {
        learners: { type: 'string', default: '60' },
        teams: { type: 'string', default: '12' },
        window: { type: 'string', default: '20000' },
        seed: { type: 'string', default: '1' },
        circles: { type: 'string' },
        'keep-data': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values,
);
const learnerCount = cli.number('learners', args.learners, 2);
const teamCount = cli.number('teams', args.teams, 2);
if (teamCount > learnerCount) cli.fail(`--teams (${teamCount}) must not exceed --learners (${learnerCount})`);
const windowMs = cli.number('window', args.window, 100);
const seed = cli.number('seed', args.seed, 0);
const circleSize = args.circles === undefined ? null : cli.number('circles', args.circles, 2);
const random = seededRandom(seed);

const rubric = rubricSpec(rubricSchema.parse(parse(readFileSync(join(repoRoot, 'content/rubrics/strategy-rubric.yaml'), 'utf8'))));

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const r2 = (n: number) => (Number.isFinite(n) ? Math.round(n * 100) / 100 : null);

async function waitFor(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

interface Listening {
  event: 'listening';
  url: string;
  room?: string;
  facilitatorUrl?: string;
}

/** Per team, the scorer of every `evaluate-scores` update in the host's log, in the order the host made them. */
function loggedScoreOrder(dataDir: string, teams: string[]): Map<string, string[]> {
  const sessionsDir = join(dataDir, 'sessions');
  const [sessionId, ...others] = readdirSync(sessionsDir);
  if (!sessionId || others.length > 0) throw new Error(`expected one session in ${sessionsDir}`);
  const dir = join(sessionsDir, sessionId);
  if (readdirSync(dir).includes('snapshot.bin'))
    throw new Error('the host compacted its log during the run: the processing order is no longer on disk');
  const { records } = decodeRecords(readFileSync(join(dir, 'docs.log')));
  const replica = new Y.Doc();
  const order = new Map(teams.map((t) => [t, [] as string[]]));
  for (const team of teams) {
    replica.getMap(team).observe((event) => {
      if (event.keysChanged.size !== 1) throw new Error(`a score update changed ${event.keysChanged.size} scorers, expected 1`);
      order.get(team)!.push([...event.keysChanged][0]!);
    });
  }
  for (const record of records) if (record.doc === 'evaluate-scores') Y.applyUpdate(replica, record.update);
  return order;
}

const sameTally = (a: TeamTally | undefined, b: TeamTally) => JSON.stringify(a) === JSON.stringify(b);

async function main(): Promise<void> {
  const began = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'wk-bench-evaluate-'));
  const clients: RoomClient[] = [];
  let host: Awaited<ReturnType<typeof startServerChild<Listening>>> | null = null;
  try {
    log(
      `bench:evaluate: ${learnerCount} learners in ${teamCount} teams, pitches within ${windowMs} ms, rubric ${rubric.id} (${rubric.criteria.length} criteria), seed ${seed}`,
    );
    host = await startServerChild<Listening>(
      'the host',
      [
        '--import',
        'tsx',
        'electron/host/cli.ts',
        '--port',
        '0',
        '--bind',
        '127.0.0.1',
        '--no-discovery',
        '--data',
        dataDir,
        '--session',
        'Evaluate bench',
      ],
      { cwd: repoRoot },
    );
    const { url, room, facilitatorUrl } = host.line;
    if (!room || !facilitatorUrl) throw new Error(`the host's listening line has no room/facilitatorUrl: ${JSON.stringify(host.line)}`);
    log(`host at ${url}, room ${room}, data ${dataDir}`);

    const facilitator = connectClient(url, room, { secret: hostKeyOf(facilitatorUrl) });
    clients.push(facilitator);
    const learners = Array.from({ length: learnerCount }, (_, i) => connectClient(url, room, { name: `Learner ${i + 1}` }));
    clients.push(...learners);
    await waitFor(() => [facilitator, ...learners].every((c) => c.status === 'online' && c.welcome), 'everyone online');
    const ids = learners.map((l) => l.welcome!.learnerId);
    const teams = Array.from({ length: teamCount }, (_, t) => `team-${t + 1}`);
    const teamOf = ids.map((_, i) => teams[i % teamCount]!);
    await placeGroups(
      facilitator,
      teams.map((id, t) => ({ id, name: `Team ${t + 1}`, members: ids.filter((_, i) => teamOf[i] === id) })),
    );
    for (const l of learners) l.doc('evaluate');
    log(`${learnerCount} learners online, in ${teamCount} teams`);

    // The facilitator watches every team's tally, as the console does.
    const observed = new Map(teams.map((t) => [t, [] as { at: number; tally: TeamTally }[]]));
    for (const team of teams) {
      const map = facilitator.doc(`evaluate/${team}/tally`).getMap('tally');
      map.observe(() => observed.get(team)!.push({ at: performance.now(), tally: structuredClone(map.get('result') as TeamTally) }));
    }
    await Promise.all(teams.map((t) => facilitator.whenSynced(`evaluate/${t}/tally`)));

    let n = 0;
    const facilitatorSays = async (command: Parameters<RoomClient['command']>[1]) => {
      facilitator.command(`bench-f-${++n}`, command);
      await waitFor(() => facilitator.pendingCount === 0, command.cmd);
    };
    await facilitatorSays({ cmd: 'evaluate-queue', teams, rubric, seconds: Math.max(10, Math.round(windowMs / teamCount / 1000)) });
    // One queue: one team per slot. Circles: one slot per round, one team of every circle in it.
    const circles = circleSize === null ? null : formCircles(teams, circleSize);
    const slots = circles
      ? Array.from({ length: roundCount(circles) }, (_, r) => presentersInRound(circles, r).filter((t): t is string => t !== null))
      : teams.map((t) => [t]);
    const mayScore = (i: number, team: string) => teamOf[i] !== team && (!circles || assignedTeams(circles, teamOf[i]).includes(team));
    if (circles) {
      await facilitatorSays({ cmd: 'evaluate-circles', teamsPerCircle: circleSize });
      const formedOnHost = () =>
        (facilitator.doc('evaluate').getMap('state').get('circles') as { circles?: string[][] } | undefined)?.circles;
      await waitFor(() => formedOnHost() !== undefined, 'the circles formed on the host');
      const formed = formedOnHost();
      if (JSON.stringify(formed) !== JSON.stringify(circles)) throw new Error(`the host formed other circles: ${JSON.stringify(formed)}`);
      log(`${circles.length} circles of ${circles.map((c) => c.length).join('/')} teams, ${slots.length} rounds`);
    }

    // Scores chosen up front, so the expected tallies are known exactly.
    const level = () => rubric.levels[Math.floor(random() * rubric.levels.length)]!;
    const sent = new Map<string, Map<string, { at: number; score: TeamScore }>>(teams.map((t) => [t, new Map()]));
    const facilitatorScores = new Map<string, TeamScore>();
    const slotMs = windowMs / slots.length;
    const scoringStarted = performance.now();
    for (const slot of slots) {
      const slotEnd = performance.now() + slotMs;
      await facilitatorSays({ cmd: 'evaluate-next' });
      for (const team of slot) {
        const own: TeamScore = {
          levels: Object.fromEntries(rubric.criteria.map((c) => [c.id, level()])),
          strength: `Facilitator on ${team}`,
        };
        facilitatorScores.set(team, own);
        facilitator.command(`bench-f-score-${team}`, { cmd: 'score', teamId: team, ...own, levels: own.levels });
        learners.forEach((learner, i) => {
          if (!mayScore(i, team)) return;
          const score: TeamScore = {
            levels: Object.fromEntries(rubric.criteria.map((c) => [c.id, level()])),
            strength: `Strength ${i}`,
            question: `Question ${i}?`,
          };
          const delay = random() * Math.max(0, slotEnd - performance.now() - 20);
          setTimeout(() => {
            sent.get(team)!.set(ids[i]!, { at: performance.now(), score });
            learner.command(`bench-score-${team}`, {
              cmd: 'score',
              teamId: team,
              levels: score.levels,
              strength: score.strength!,
              question: score.question!,
            });
          }, delay);
        });
      }
      await new Promise((r) => setTimeout(r, Math.max(0, slotEnd - performance.now())));
    }
    const scoresSent = [...sent.values()].reduce((s, m) => s + m.size, 0);
    await waitFor(() => [facilitator, ...learners].every((c) => c.pendingCount === 0), 'every score acknowledged');
    const scoringMs = performance.now() - scoringStarted;
    const expectedPerTeam = (team: string) => (teamCount > 0 ? learners.filter((_, i) => mayScore(i, team)).length + 1 : 0);
    await waitFor(() => teams.every((t) => observed.get(t)!.length >= expectedPerTeam(t)), 'the facilitator seeing every tally update');
    log(`${scoresSent} learner scores and ${teamCount} facilitator scores acknowledged in ${Math.round(scoringMs)} ms`);
    await new Promise((r) => setTimeout(r, 200)); // anything late or extra would be another tally update

    // Exact attribution from the host's log, verified against every tally the facilitator saw.
    const order = loggedScoreOrder(dataDir, teams);
    const problems: string[] = [];
    const latencies: number[] = [];
    let orderVerified = true;
    let tallyCorrect = true;
    const expected = new Map<string, TeamTally>();
    for (const team of teams) {
      const processed = order.get(team)!;
      const seen = observed.get(team)!;
      if (processed.length !== seen.length) {
        problems.push(`${team}: the host logged ${processed.length} scores, the facilitator saw ${seen.length} tally updates`);
        orderVerified = false;
      }
      const so_far = new Map<string, TeamScore>();
      for (let k = 0; k < Math.min(processed.length, seen.length); k++) {
        const scorer = processed[k]!;
        const score = scorer === 'facilitator' ? facilitatorScores.get(team) : sent.get(team)!.get(scorer)?.score;
        if (!score) {
          problems.push(`${team}: score #${k + 1} in the log is from ${scorer}, who did not score it`);
          orderVerified = false;
          continue;
        }
        so_far.set(scorer, score);
        const replayed = tallyTeam(
          rubric,
          [...so_far].filter(([id]) => id !== 'facilitator').map(([, s]) => s),
          so_far.get('facilitator') ?? null,
        );
        if (!sameTally(seen[k]!.tally, replayed)) {
          problems.push(`${team}: tally #${k + 1} seen differs from the host's order replayed`);
          orderVerified = false;
        }
        if (scorer !== 'facilitator') latencies.push(seen[k]!.at - sent.get(team)!.get(scorer)!.at);
      }
      const exact = tallyTeam(
        rubric,
        [...sent.get(team)!.values()].map((s) => s.score),
        facilitatorScores.get(team)!,
      );
      expected.set(team, exact);
      if (!sameTally(seen.at(-1)?.tally, exact)) {
        problems.push(`${team}: final tally differs from the scores sent`);
        tallyCorrect = false;
      }
    }

    // Reveal: every learner opens every team's tally and must read exactly the expected one.
    const revealStarted = performance.now();
    for (const team of teams) facilitator.command(`bench-reveal-${team}`, { cmd: 'evaluate-reveal', teamId: team, revealed: true });
    await waitFor(() => facilitator.pendingCount === 0, 'reveals acknowledged');
    const revealedEverywhere = () =>
      learners.every((l) => teams.every((t) => (l.doc('evaluate').getMap('teams').get(t) as { revealed?: boolean } | undefined)?.revealed));
    await waitFor(revealedEverywhere, 'every learner seeing the reveal');
    const tallyOf = (c: RoomClient, team: string) => c.doc(`evaluate/${team}/tally`).getMap('tally').get('result') as TeamTally | undefined;
    for (const l of learners) for (const t of teams) l.doc(`evaluate/${t}/tally`);
    await waitFor(
      () => learners.every((l) => teams.every((t) => tallyOf(l, t)?.scorers === expected.get(t)!.scorers)),
      'every learner reading every tally',
    );
    const revealMs = performance.now() - revealStarted;
    const wrongCopies = learners.filter((l) => !teams.every((t) => sameTally(tallyOf(l, t), expected.get(t)!))).length;
    if (wrongCopies > 0) {
      problems.push(`${wrongCopies} learners read a tally that differs from the scores sent`);
      tallyCorrect = false;
    }

    const refused = [facilitator, ...learners].flatMap((c) => c.rejections);
    for (const r of refused.slice(0, 10)) log(`refused: ${r.reason}: ${r.message}${r.doc ? ` (${r.doc})` : ''}${r.id ? ` (${r.id})` : ''}`);
    if (refused.length > 0) tallyCorrect = false;
    for (const p of problems.slice(0, 10)) log(`problem: ${p}`);

    const sorted = latencies.sort((a, b) => a - b);
    log(
      `score → facilitator tally: ${sorted.length} scores, p50 ${r2(percentile(sorted, 50))} ms, p95 ${r2(percentile(sorted, 95))} ms, max ${r2(sorted.at(-1) ?? Number.NaN)} ms`,
    );
    log(
      `tallies ${tallyCorrect ? 'exact' : 'WRONG'}, order ${orderVerified ? 'verified' : 'NOT verified'}; reveal → ${learnerCount} learners × ${teamCount} tallies in ${Math.round(revealMs)} ms`,
    );

    const report = await timeReport(url, hostKeyOf(facilitatorUrl));
    log(
      `session report: built in ${report.reportMs} ms from the archive (${report.reportBytes} bytes); through the host's route ${report.reportRouteMs} ms`,
    );

    for (const c of clients) c.close();
    clients.length = 0;
    const code = await host.stop();
    host = null;
    if (code !== 0) log(`the host exited with ${code}`);
    const result = {
      learners: learnerCount,
      teams: teamCount,
      scores: sorted.length,
      p95_score_to_tally_ms: r2(percentile(sorted, 95)),
      tallyCorrect,
      reportMs: report.reportMs,
      reportBytes: report.reportBytes,
      reportRouteMs: report.reportRouteMs,
      p50_score_to_tally_ms: r2(percentile(sorted, 50)),
      max_score_to_tally_ms: r2(sorted.at(-1) ?? Number.NaN),
      criteria: rubric.criteria.length,
      facilitatorScores: facilitatorScores.size,
      scoringMs: Math.round(scoringMs),
      revealMs: Math.round(revealMs),
      orderVerified,
      seconds: r2((performance.now() - began) / 1000),
      ...(circleSize === null ? {} : { circles: circleSize }),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (!tallyCorrect || !orderVerified) process.exitCode = 1;
  } finally {
    for (const c of clients) c.close();
    if (host) {
      const stderr = host.stderr();
      await host.stop();
      if (stderr.trim()) log(`host stderr:\n${stderr.trim()}`);
    }
    if (args['keep-data']) log(`kept the host's data in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  log(`bench:evaluate: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
