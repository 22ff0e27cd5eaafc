/**
 * What learners contribute to state they must not be able to rewrite — votes, questions, upvotes — and the
 * facilitator's moderation, applied by the host to host-owned documents:
 *   session  → `polls` map (written by the facilitator): each poll's definition, status, revealed, anonymous
 *   poll/<id>/votes  (host only): learner id → answer; one per learner, replaced until the poll closes
 *   poll/<id>/tally  (host; facilitator reads, learners once revealed): the tally of those answers
 *   qa  (everyone reads, host writes): questions with their upvote count only — never who asked or who upvoted
 *   qa-private  (no client reads it: not a room document name): each question's author and upvoters, and the text of
 *        a hidden question kept aside so learners no longer receive it
 *   groups  (everyone reads, host writes): see groupCommands.ts
 *   exit-tickets (the facilitator reads, host writes) and exit-tickets-private (host only): see exitTickets.ts
 * A learner's "mine" and "I upvoted" flags are the device's own memory (it sent those commands), so the host never
 * publishes who did what.
 * Every function returns a rejection with a reason instead of throwing.
 */
import type * as Y from 'yjs';
import { assertNever, type Command } from '../../../shared/protocol/protocol';
import type { SessionMeta } from './identity';
import type { RosterFields } from './roster';
import { checkAnswer, tally, type Answer, type PollDefinition } from '../../../shared/room/pollTally';
import { applyGroupCommand, type GroupContext } from './groupCommands';
import { EXIT_TICKETS_PRIVATE, submitExitTicket } from './exitTickets';
import { applyEvaluateCommand } from './evaluateCommands';

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
export function sharedTeams(groups: Y.Doc): Set<string> {
  const out = new Set<string>();
  for (const [id, value] of groups.getMap('groups')) if ((value as { shared?: boolean })?.shared) out.add(id);
  return out;
}

export function vote(session: Y.Doc, votes: Y.Doc, tallyDoc: Y.Doc, key: Y.Doc, learnerId: string, pollId: string, raw: unknown, origin: unknown): CommandResult {
  const poll = sessionPoll(session, pollId);
  if (!poll) return { ok: false, reason: 'malformed', message: `there is no poll "${pollId}" in this session` };
  if (poll.status !== 'open') return { ok: false, reason: 'forbidden', message: 'this poll is closed' };
  const def = withAnswerKey(poll.def, key);
  const checked = checkAnswer(def, raw);
  if (!checked.ok) return { ok: false, reason: 'malformed', message: checked.message };
  const ballots = votes.getMap<Answer>('answers');
  votes.transact(() => ballots.set(learnerId, checked.answer), origin);
  retally(def, votes, tallyDoc, origin);
  return ok;
}

/**
 * A quiz's correct answers are not in the session document (everyone reads it): the facilitator's console keeps
 * them in `poll/<id>/key`, which only the facilitator reads. The tally (readable by learners only once revealed)
 * carries them, so revealing the results reveals the answer.
 */
export function withAnswerKey(def: PollDefinition, key: Y.Doc): PollDefinition {
  const correct = key.getMap('key').get('correct');
  return Array.isArray(correct) && correct.every((c) => typeof c === 'string') ? { ...def, correct: correct as string[] } : def;
}

export function retally(def: PollDefinition, votes: Y.Doc, tallyDoc: Y.Doc, origin: unknown): void {
  const result = tally(def, votes.getMap<Answer>('answers').values());
  tallyDoc.transact(() => {
    tallyDoc.getMap('tally').set('result', result);
    if (def.correct && JSON.stringify(tallyDoc.getMap('tally').get('answer')) !== JSON.stringify(def.correct)) tallyDoc.getMap('tally').set('answer', def.correct);
  }, origin);
}

/** A question as everyone sees it: no author, no upvoters, only their count. */
interface Question {
  text: string;
  name: string | null;
  askedAt: string;
  votes: number;
  answered: boolean;
  pinned: boolean;
  hidden: boolean;
}

/** Kept by the host only (qa-private): who asked, who upvoted. */
interface Owner {
  author: string;
  voters: string[];
}

export function ask(qa: Y.Doc, aside: Y.Doc, questionId: string, learnerId: string, name: string, text: string, anonymous: boolean, origin: unknown): CommandResult {
  const questions = qa.getMap<Question>('questions');
  const owners = aside.getMap<Owner>('owners');
  if (questions.has(questionId)) return ok; // a resent command
  let mine = 0;
  for (const owner of owners.values()) if (owner.author === learnerId) mine++;
  if (mine >= 20) return { ok: false, reason: 'forbidden', message: 'you have asked 20 questions already: upvote others instead' };
  aside.transact(() => owners.set(questionId, { author: learnerId, voters: [] }), origin);
  qa.transact(() => {
    questions.set(questionId, { text, name: anonymous ? null : name, askedAt: new Date().toISOString(), votes: 0, answered: false, pinned: false, hidden: false });
  }, origin);
  return ok;
}

export function upvote(qa: Y.Doc, aside: Y.Doc, questionId: string, learnerId: string, up: boolean, origin: unknown): CommandResult {
  const questions = qa.getMap<Question>('questions');
  const owners = aside.getMap<Owner>('owners');
  const q = questions.get(questionId);
  if (!q || q.hidden) return { ok: false, reason: 'malformed', message: 'that question is not there any more' };
  const owner = owners.get(questionId) ?? { author: '', voters: [] };
  const voters = new Set(owner.voters);
  if (up) voters.add(learnerId);
  else voters.delete(learnerId);
  if (voters.size === owner.voters.length) return ok;
  aside.transact(() => owners.set(questionId, { ...owner, voters: [...voters] }), origin);
  qa.transact(() => questions.set(questionId, { ...q, votes: voters.size }), origin);
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

/**
 * Sessions saved when questions carried their author and upvoters in the all-readable `qa` document: both move to
 * qa-private and the question keeps only its count (run when the room opens).
 */
export function migrateQa(qa: Y.Doc, aside: Y.Doc, origin: unknown): void {
  const questions = qa.getMap<Question & { author?: string; voters?: string[] }>('questions');
  const legacy = [...questions].filter(([, q]) => q && typeof q === 'object' && ('author' in q || 'voters' in q));
  if (legacy.length === 0) return;
  const owners = aside.getMap<Owner>('owners');
  aside.transact(() => {
    for (const [id, q] of legacy) if (!owners.has(id)) owners.set(id, { author: q.author ?? '', voters: Array.isArray(q.voters) ? q.voters : [] });
  }, origin);
  qa.transact(() => {
    for (const [id, { author: _author, voters, ...rest }] of legacy) questions.set(id, { ...rest, votes: Array.isArray(voters) ? voters.length : (rest.votes ?? 0) });
  }, origin);
}

/** What a command may touch in its room. */
export interface CommandContext {
  doc(name: string): Y.Doc;
  meta: SessionMeta;
  saveMeta(): void;
  setParticipant(learnerId: string, fields: RosterFields): void;
  /** Learners online now, with their background. */
  onlineLearners(): { id: string; profile: string | null }[];
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
    case 'lower-hand':
      if (!(command.learnerId in ctx.meta.learners)) return { ok: false, reason: 'malformed', message: 'no such learner in this session' };
      ctx.setParticipant(command.learnerId, { hand: false });
      return ok;
    case 'choose-group':
    case 'form-groups':
    case 'create-group':
    case 'move-learner':
    case 'update-group':
    case 'set-role':
    case 'give-roles':
    case 'remove-group':
    case 'close-choosing':
      return applyGroupCommand(groupContext(ctx), learnerId, command);
    case 'vote':
      // The poll must exist before any of its documents is created (a vote for any id created two documents).
      if (!sessionPoll(ctx.doc('session'), command.pollId)) return { ok: false, reason: 'malformed', message: `there is no poll "${command.pollId}" in this session` };
      return vote(ctx.doc('session'), ctx.doc(`poll/${command.pollId}/votes`), ctx.doc(`poll/${command.pollId}/tally`), ctx.doc(`poll/${command.pollId}/key`), learnerId, command.pollId, command.answer, ctx.origin);
    case 'ask':
      return ask(ctx.doc('qa'), ctx.doc('qa-private'), command.questionId, learnerId, ctx.meta.learners[learnerId]?.name ?? 'Guest', command.text, command.anonymous, ctx.origin);
    case 'upvote':
      return upvote(ctx.doc('qa'), ctx.doc('qa-private'), command.questionId, learnerId, command.up, ctx.origin);
    case 'moderate':
      return moderate(ctx.doc('qa'), ctx.doc('qa-private'), command.questionId, command.action, ctx.origin);
    case 'exit-ticket':
      return submitExitTicket(ctx.doc(EXIT_TICKETS_PRIVATE), ctx.doc('exit-tickets'), learnerId, command, ctx.origin);
    case 'evaluate-queue':
    case 'evaluate-shuffle':
    case 'evaluate-start':
    case 'evaluate-next':
    case 'evaluate-close':
    case 'evaluate-reveal':
    case 'evaluate-circles':
    case 'evaluate-round':
    case 'score':
      return applyEvaluateCommand({ doc: ctx.doc, now: () => Date.now(), origin: ctx.origin }, learnerId, command);
    case 'confirm-move':
      return { ok: false, reason: 'malformed', message: 'no move of this identity is waiting for an answer' };
    default:
      return assertNever(command);
  }
}

function groupContext(ctx: CommandContext): GroupContext {
  return { groups: ctx.doc('groups'), learners: () => ctx.onlineLearners(), known: (id) => id in ctx.meta.learners, teamPicks: (teamId) => teamPicks(ctx.doc(`team/${teamId}/roles`)), origin: ctx.origin };
}

/** A team's own picks, read defensively: teammates write that document, so anything but role ids is ignored. */
function teamPicks(doc: Y.Doc): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [learner, role] of doc.getMap('roles')) if (typeof role === 'string' && /^[a-z0-9-]{1,80}$/.test(role)) out[learner] = role;
  return out;
}
