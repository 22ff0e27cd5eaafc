/**
 * The exit tickets, applied by the host (the `exit-ticket` learner command).
 *
 * Owns: two host-written documents —
 *   exit-tickets-private  (no client reads it: not a room document name): learner id → that learner's ticket, one per
 *                         learner, a resend replaces it
 *   exit-tickets          (the facilitator reads, nobody writes but the host): the aggregate only
 *                         (shared/room/exitTicket.ts) under `summary`: distributions, means, the free text sorted, no ids
 * The aggregate is recomputed from every ticket on each submission (a room has at most a few hundred).
 */
import type * as Y from 'yjs';
import type { Command } from '../../../shared/protocol/protocol';
import { aggregateExitTickets, type ExitTicket } from '../../../shared/room/exitTicket';
import type { CommandResult } from './liveCommands';

export const EXIT_TICKETS_PRIVATE = 'exit-tickets-private';

export function submitExitTicket(raw: Y.Doc, summary: Y.Doc, learnerId: string, command: Extract<Command, { cmd: 'exit-ticket' }>, origin: unknown): CommandResult {
  const tickets = raw.getMap<ExitTicket>('tickets');
  const ticket: ExitTicket = { change: command.change.trim(), question: command.question.trim(), before: command.before, after: command.after };
  const previous = tickets.get(learnerId);
  if (previous && JSON.stringify(previous) === JSON.stringify(ticket)) return { ok: true };
  raw.transact(() => tickets.set(learnerId, ticket), origin);
  summary.transact(() => summary.getMap('exit').set('summary', aggregateExitTickets(tickets.values())), origin);
  return { ok: true };
}
