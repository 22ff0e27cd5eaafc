/**
 * The Evaluate phase, owned by the host: the presentation queue and rubric scoring, changed by commands only.
 *
 * Owns these documents (one writer, the host):
 *   evaluate  (everyone reads): map `state` — rubric (RubricSpec), queue (team ids in order), current team, slot
 *        { teamId, startedAt (host clock, ms), seconds }, seconds (default slot length); map `teams` — team id →
 *        { started, closed, revealed }
 *   evaluate-scores  (no client reads it: not a room document name): per team a map, scorer id → TeamScore and the
 *        opaque key its feedback is published under — who gave which score stays on the host
 *   evaluate/<teamId>/tally  (facilitator; everyone once revealed): the team's TeamTally (rubricScores.ts)
 *   team/<teamId>/feedback  (facilitator; that team once revealed): strengths and questions, without their authors
 *   (and, in parallel circles mode, `circles` and `round`: evaluateCircles.ts)
 * Rules: a learner never scores their own team (forbidden), in circles mode only the teams of their circle
 * (forbidden), nobody scores a team that has not started or whose
 * scoring is closed (forbidden); one level per scorer, team and criterion (a resend replaces it). Every function
 * returns a rejection with a reason instead of throwing.
 */
import type * as Y from 'yjs';
import { randomBytes } from 'node:crypto';
import type { Command } from '../../../shared/protocol/protocol';
import { checkScore, mergeScore, tallyTeam, type RubricSpec, type TeamScore } from '../../../shared/room/rubricScores';
import { seededRandom, shuffle, teamIndex } from '../../../shared/room/groups';
import { readGroups } from './groupCommands';
import { applyCirclesCommand, circleRefusal, readCircles, reformCircles } from './evaluateCircles';

export type EvaluateResult = { ok: true } | { ok: false; reason: 'forbidden' | 'malformed'; message: string };
const ok: EvaluateResult = { ok: true };

export interface TeamState {
  started: boolean;
  closed: boolean;
  revealed: boolean;
}

export interface Slot {
  teamId: string;
  /** The host's clock (ms since the epoch) when the slot started. */
  startedAt: number;
  seconds: number;
}

export interface EvaluateState {
  rubric: RubricSpec | null;
  queue: string[];
  current: string | null;
  slot: Slot | null;
  seconds: number;
  teams: Record<string, TeamState>;
}

/** The default slot: two minutes, as the content's run-of-show gives each pitch. */
export const DEFAULT_SLOT_SECONDS = 120;
/** Raw scores: the host's own document, not one a client can name. */
export const SCORES_DOC = 'evaluate-scores';
const FACILITATOR = 'facilitator';

export function readEvaluate(doc: Y.Doc): EvaluateState {
  const state = doc.getMap<unknown>('state');
  const teams: Record<string, TeamState> = {};
  for (const [id, value] of doc.getMap<TeamState>('teams')) if (value && typeof value === 'object') teams[id] = value;
  const queue = state.get('queue');
  return {
    rubric: (state.get('rubric') as RubricSpec | undefined) ?? null,
    queue: Array.isArray(queue) ? (queue as string[]) : [],
    current: (state.get('current') as string | undefined) ?? null,
    slot: (state.get('slot') as Slot | undefined) ?? null,
    seconds: (state.get('seconds') as number | undefined) ?? DEFAULT_SLOT_SECONDS,
    teams,
  };
}

/** Teams whose scores the facilitator revealed (authority.ts reads this for access to tallies and feedback). */
export function revealedScores(doc: Y.Doc): Set<string> {
  const out = new Set<string>();
  for (const [id, value] of doc.getMap<TeamState>('teams')) if (value?.revealed) out.add(id);
  return out;
}

export interface EvaluateContext {
  doc(name: string): Y.Doc;
  /** The host's clock. */
  now(): number;
  origin: unknown;
}

type EvaluateCommand = Extract<
  Command,
  {
    cmd:
      | 'evaluate-queue'
      | 'evaluate-shuffle'
      | 'evaluate-start'
      | 'evaluate-next'
      | 'evaluate-close'
      | 'evaluate-reveal'
      | 'evaluate-circles'
      | 'evaluate-round'
      | 'score';
  }
>;

export function applyEvaluateCommand(ctx: EvaluateContext, learnerId: string, command: EvaluateCommand): EvaluateResult {
  const doc = ctx.doc('evaluate');
  const state = readEvaluate(doc);
  const groups = readGroups(ctx.doc('groups'));
  const name = (teamId: string) => groups[teamId]?.name ?? teamId;
  const setTeam = (teamId: string, change: Partial<TeamState>) =>
    doc.getMap<TeamState>('teams').set(teamId, { started: false, closed: false, revealed: false, ...state.teams[teamId], ...change });
  const startSlot = (teamId: string | null, seconds: number | undefined) =>
    doc.transact(() => {
      const map = doc.getMap<unknown>('state');
      map.set('current', teamId);
      if (seconds !== undefined) map.set('seconds', seconds);
      map.set('slot', teamId ? { teamId, startedAt: ctx.now(), seconds: seconds ?? state.seconds } : null);
      if (teamId) setTeam(teamId, { started: true });
    }, ctx.origin);
  switch (command.cmd) {
    case 'evaluate-queue': {
      const unknown = command.teams.find((t) => !groups[t]);
      if (unknown) return { ok: false, reason: 'malformed', message: `there is no group "${unknown}" any more: refresh the queue` };
      if (new Set(command.teams).size !== command.teams.length)
        return { ok: false, reason: 'malformed', message: 'a team appears twice in the queue' };
      if (command.rubric && state.rubric && JSON.stringify(command.rubric) !== JSON.stringify(state.rubric) && hasScores(ctx)) {
        return { ok: false, reason: 'forbidden', message: 'scores were given on the current rubric: it cannot change during this session' };
      }
      doc.transact(() => {
        const map = doc.getMap<unknown>('state');
        map.set('queue', command.teams);
        if (command.rubric) map.set('rubric', command.rubric);
        if (command.seconds !== undefined) map.set('seconds', command.seconds);
        reformCircles(doc, command.teams);
      }, ctx.origin);
      return ok;
    }
    case 'evaluate-shuffle':
      doc.transact(() => {
        const queue = shuffle(state.queue, seededRandom(command.seed));
        doc.getMap<unknown>('state').set('queue', queue);
        reformCircles(doc, queue);
      }, ctx.origin);
      return ok;
    case 'evaluate-start':
      if (!state.queue.includes(command.teamId))
        return { ok: false, reason: 'malformed', message: `${name(command.teamId)} is not in the queue: add it first` };
      if (readCircles(doc)) return applyCirclesCommand(ctx, state, name, command);
      startSlot(command.teamId, command.seconds);
      return ok;
    case 'evaluate-circles':
    case 'evaluate-round':
      return applyCirclesCommand(ctx, state, name, command);
    case 'evaluate-next': {
      if (readCircles(doc)) return applyCirclesCommand(ctx, state, name, command);
      const at = state.current === null ? -1 : state.queue.indexOf(state.current);
      startSlot(state.queue[at + 1] ?? null, command.seconds);
      return ok;
    }
    case 'evaluate-close':
      if (!state.queue.includes(command.teamId))
        return { ok: false, reason: 'malformed', message: `${name(command.teamId)} is not in the queue` };
      doc.transact(() => setTeam(command.teamId, { closed: command.closed }), ctx.origin);
      return ok;
    case 'evaluate-reveal':
      if (!state.queue.includes(command.teamId))
        return { ok: false, reason: 'malformed', message: `${name(command.teamId)} is not in the queue` };
      doc.transact(() => setTeam(command.teamId, { revealed: command.revealed }), ctx.origin);
      return ok;
    case 'score':
      return score(ctx, state, groups, learnerId, command);
  }
}

function hasScores(ctx: EvaluateContext): boolean {
  const scores = ctx.doc(SCORES_DOC);
  // Root types loaded from disk are not Y.Maps until asked for by name: their entries are in `_map` either way.
  for (const [, type] of scores.share) if (type._map.size > 0) return true;
  return false;
}

interface StoredScore extends TeamScore {
  /** The opaque key its strength and question are published under in team/<id>/feedback. */
  key: string;
  at: number;
}

function score(
  ctx: EvaluateContext,
  state: EvaluateState,
  groups: ReturnType<typeof readGroups>,
  scorerId: string,
  command: Extract<EvaluateCommand, { cmd: 'score' }>,
): EvaluateResult {
  const { teamId } = command;
  const teamName = groups[teamId]?.name ?? teamId;
  if (!state.rubric)
    return { ok: false, reason: 'malformed', message: 'scoring has not started: wait for the facilitator to open the presentation queue' };
  if (!state.queue.includes(teamId)) return { ok: false, reason: 'malformed', message: `${teamName} is not in the presentation queue` };
  if (scorerId !== FACILITATOR && teamIndex(groups).get(scorerId) === teamId) {
    return { ok: false, reason: 'forbidden', message: 'you cannot score your own team: score the other teams when they present' };
  }
  if (scorerId !== FACILITATOR) {
    const refusal = circleRefusal(ctx.doc('evaluate'), teamIndex(groups).get(scorerId) ?? null, teamId, (t) => groups[t]?.name ?? t);
    if (refusal) return refusal;
  }
  const team = state.teams[teamId];
  if (!team?.started)
    return { ok: false, reason: 'forbidden', message: `${teamName} has not presented yet: score it during or after its pitch` };
  if (team.closed)
    return {
      ok: false,
      reason: 'forbidden',
      message: `scoring for ${teamName} has closed: ask the facilitator to reopen it to change your score`,
    };
  const given: TeamScore = {
    levels: command.levels,
    ...(command.strength ? { strength: command.strength } : {}),
    ...(command.question ? { question: command.question } : {}),
  };
  const wrong = checkScore(state.rubric, given);
  if (wrong) return { ok: false, reason: 'malformed', message: wrong };
  if (Object.keys(given.levels).length === 0 && !given.strength && !given.question)
    return { ok: false, reason: 'malformed', message: 'an empty score: choose a level or write a strength or a question' };

  const scores = ctx.doc(SCORES_DOC);
  const mine = scores.getMap<StoredScore>(teamId);
  const before = mine.get(scorerId);
  const merged: StoredScore = { ...mergeScore(before, given), key: before?.key ?? randomBytes(6).toString('base64url'), at: ctx.now() };
  scores.transact(() => mine.set(scorerId, merged), ctx.origin);

  const peers: TeamScore[] = [];
  for (const [id, s] of mine) if (id !== FACILITATOR) peers.push(s);
  const result = tallyTeam(state.rubric, peers, mine.get(FACILITATOR) ?? null);
  const tally = ctx.doc(`evaluate/${teamId}/tally`);
  tally.transact(() => tally.getMap('tally').set('result', result), ctx.origin);

  if (merged.strength !== before?.strength || merged.question !== before?.question) {
    const feedback = ctx.doc(`team/${teamId}/feedback`);
    const entry = {
      from: scorerId === FACILITATOR ? 'facilitator' : 'peer',
      strength: merged.strength ?? '',
      question: merged.question ?? '',
    };
    feedback.transact(() => feedback.getMap('items').set(merged.key, entry), ctx.origin);
  }
  return ok;
}
