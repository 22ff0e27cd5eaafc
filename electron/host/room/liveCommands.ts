/**
 * What learners contribute to state they must not be able to rewrite — votes, questions, upvotes — and the
 * facilitator's moderation, applied by the host to host-owned documents:
 *   session  → `polls` map (written by the facilitator): each poll's definition, status, revealed, anonymous
 *   poll/<id>/votes  (host only): learner id → answer; one per learner, replaced until the poll closes
 *   poll/<id>/tally  (host; facilitator reads, learners once revealed): the tally of those answers
 *   qa  (everyone reads, host writes): questions with upvoters; the text of a hidden question is kept aside in
 *        qa-private so learners no longer receive it
 * Every function returns a rejection with a reason instead of throwing.
 */
import type * as Y from 'yjs';
import { assertNever, type Command } from '../../../shared/protocol/protocol';
import type { SessionMeta } from './identity';
import type { RosterFields } from './roster';
import { checkAnswer, tally, type Answer, type PollDefinition } from '../../../shared/room/pollTally';
import { chooseGroup, type Group } from '../../../shared/room/groups';

export interface SessionPoll {
  def: PollDefinition;
  status: 'open' | 'closed';
  revealed: boolean;
  anonymous: boolean;
}

export type CommandResult = { ok: true } | { ok: false; reason: 'forbidden' | 'malformed'; message: string };

const ok: CommandResult = { ok: true };

export function sessionPoll(session: Y.Doc, pollId: string): SessionPoll | null {
  const value = session.getMap('polls').get(pollId) as Partial<SessionPoll> | undefined;
  if (!value || typeof value !== 'object' || !value.def || typeof value.def.kind !== 'string') return null;
  return value as SessionPoll;
}

export function revealedPolls(session: Y.Doc): Set<string> {
  const out = new Set<string>();
  for (const [id, value] of session.getMap('polls')) if ((value as Partial<SessionPoll>)?.revealed) out.add(id);
  return out;
}

/** Teams whose documents the facilitator has shared with the room (for presentations). */
export function sharedTeams(session: Y.Doc): Set<string> {
  const out = new Set<string>();
  for (const [id, value] of session.getMap('groups')) if ((value as { shared?: boolean })?.shared) out.add(id);
  return out;
}

/** "Learners choose": the host moves the learner into the open group they picked, first come first served. */
export function joinGroup(session: Y.Doc, learnerId: string, teamId: string, origin: unknown): CommandResult {
  const map = session.getMap('groups');
  const result = chooseGroup(map.toJSON() as Record<string, Group>, learnerId, teamId);
  if (!result.ok) return { ok: false, reason: 'forbidden', message: result.message };
  session.transact(() => {
    for (const [id, group] of Object.entries(result.groups)) if (group !== map.get(id) && JSON.stringify(group) !== JSON.stringify(map.get(id))) map.set(id, group);
  }, origin);
  return ok;
}

export function vote(session: Y.Doc, votes: Y.Doc, tallyDoc: Y.Doc, learnerId: string, pollId: string, raw: unknown, origin: unknown): CommandResult {
  const poll = sessionPoll(session, pollId);
  if (!poll) return { ok: false, reason: 'malformed', message: `there is no poll "${pollId}" in this session` };
  if (poll.status !== 'open') return { ok: false, reason: 'forbidden', message: 'this poll is closed' };
  const checked = checkAnswer(poll.def, raw);
  if (!checked.ok) return { ok: false, reason: 'malformed', message: checked.message };
  const ballots = votes.getMap<Answer>('answers');
  votes.transact(() => ballots.set(learnerId, checked.answer), origin);
  retally(poll.def, votes, tallyDoc, origin);
  return ok;
}

export function retally(def: PollDefinition, votes: Y.Doc, tallyDoc: Y.Doc, origin: unknown): void {
  const result = tally(def, votes.getMap<Answer>('answers').values());
  tallyDoc.transact(() => tallyDoc.getMap('tally').set('result', result), origin);
}

interface Question {
  text: string;
  name: string | null;
  author: string;
  askedAt: string;
  voters: string[];
  answered: boolean;
  pinned: boolean;
  hidden: boolean;
}

export function ask(qa: Y.Doc, questionId: string, learnerId: string, name: string, text: string, anonymous: boolean, origin: unknown): CommandResult {
  const questions = qa.getMap<Question>('questions');
  if (questions.has(questionId)) return ok; // a resent command
  const mine = [...questions.values()].filter((q) => q.author === learnerId).length;
  if (mine >= 20) return { ok: false, reason: 'forbidden', message: 'you have asked 20 questions already: upvote others instead' };
  qa.transact(() => {
    questions.set(questionId, {
      text,
      name: anonymous ? null : name,
      author: learnerId,
      askedAt: new Date().toISOString(),
      voters: [],
      answered: false,
      pinned: false,
      hidden: false,
    });
  }, origin);
  return ok;
}

export function upvote(qa: Y.Doc, questionId: string, learnerId: string, up: boolean, origin: unknown): CommandResult {
  const questions = qa.getMap<Question>('questions');
  const q = questions.get(questionId);
  if (!q || q.hidden) return { ok: false, reason: 'malformed', message: 'that question is not there any more' };
  const voters = new Set(q.voters);
  if (up) voters.add(learnerId);
  else voters.delete(learnerId);
  if (voters.size !== q.voters.length) qa.transact(() => questions.set(questionId, { ...q, voters: [...voters] }), origin);
  return ok;
}

export function moderate(qa: Y.Doc, aside: Y.Doc, questionId: string, action: 'answered' | 'unanswered' | 'pin' | 'unpin' | 'hide' | 'unhide', origin: unknown): CommandResult {
  const questions = qa.getMap<Question>('questions');
  const q = questions.get(questionId);
  if (!q) return { ok: false, reason: 'malformed', message: 'no such question' };
  const hiddenTexts = aside.getMap<string>('texts');
  let next: Question = q;
  if (action === 'answered' || action === 'unanswered') next = { ...q, answered: action === 'answered' };
  if (action === 'pin' || action === 'unpin') next = { ...q, pinned: action === 'pin' };
  if (action === 'hide' && !q.hidden) {
    aside.transact(() => hiddenTexts.set(questionId, q.text), origin);
    next = { ...q, hidden: true, text: '', pinned: false };
  }
  if (action === 'unhide' && q.hidden) next = { ...q, hidden: false, text: hiddenTexts.get(questionId) ?? q.text };
  if (next !== q) qa.transact(() => questions.set(questionId, next), origin);
  return ok;
}

/** What a command may touch in its room. */
export interface CommandContext {
  doc(name: string): Y.Doc;
  meta: SessionMeta;
  saveMeta(): void;
  setParticipant(learnerId: string, fields: RosterFields): void;
  origin: unknown;
}

/** Applies a command already checked for role and session state (see Room.command). */
export function applyCommand(ctx: CommandContext, learnerId: string, command: Command): CommandResult {
  switch (command.cmd) {
    case 'set-profile': {
      const record = ctx.meta.learners[learnerId]!;
      record.name = command.name;
      record.profile = command.profile;
      ctx.saveMeta();
      ctx.setParticipant(learnerId, { name: command.name, profile: command.profile });
      return ok;
    }
    case 'raise-hand':
      ctx.setParticipant(learnerId, { hand: command.raised });
      return ok;
    case 'choose-group':
      return joinGroup(ctx.doc('session'), learnerId, command.teamId, ctx.origin);
    case 'vote':
      // The poll must exist before any of its documents is created (a vote for any id created two documents).
      if (!sessionPoll(ctx.doc('session'), command.pollId)) return { ok: false, reason: 'malformed', message: `there is no poll "${command.pollId}" in this session` };
      return vote(ctx.doc('session'), ctx.doc(`poll/${command.pollId}/votes`), ctx.doc(`poll/${command.pollId}/tally`), learnerId, command.pollId, command.answer, ctx.origin);
    case 'ask':
      return ask(ctx.doc('qa'), command.questionId, learnerId, ctx.meta.learners[learnerId]?.name ?? 'Guest', command.text, command.anonymous, ctx.origin);
    case 'upvote':
      return upvote(ctx.doc('qa'), command.questionId, learnerId, command.up, ctx.origin);
    case 'moderate':
      return moderate(ctx.doc('qa'), ctx.doc('qa-private'), command.questionId, command.action, ctx.origin);
    default:
      return assertNever(command);
  }
}
