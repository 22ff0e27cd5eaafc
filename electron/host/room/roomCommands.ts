/**
 * Commands arriving on a room's connections, before and after liveCommands.ts applies them.
 *
 * Owns: who may send which command (FACILITATOR_COMMANDS), idempotency by command id per learner across
 * connections (commandMemory.ts: a command resent after a reconnect, or from another tab, is acknowledged once on
 * disk, never applied twice), the answer to a rejoin move (rejoinMoves.ts), refusing commands once the session
 * ended, and acknowledging only once the host's documents are on disk.
 */
import { SHARED_COMMANDS } from '../../../shared/protocol/evaluateCommands';
import { FACILITATOR_COMMANDS, type Command, type RejectionReason } from '../../../shared/protocol/protocol';
import type { Actor } from '../../../shared/room/documents';
import { CommandMemory } from './commandMemory';
import { applyCommand, type CommandContext } from './liveCommands';
import { unsavedRejection } from './storageError';
import { ENDED_COMMAND_MESSAGE } from './endedSession';
import type { BudgetDecision } from './budgets';

export interface CommandReply {
  ack(): void;
  reject(reason: RejectionReason, message: string): void;
}

export interface CommandDeskHooks {
  ended(): boolean;
  /** Resolves once every document change so far is on disk. */
  flushed(): Promise<void>;
  context: CommandContext;
  /** The learner's device answered a rejoin move request; false when none such waits. */
  answerMove(learnerId: string, requestId: string, allow: boolean): boolean;
  /** The learner's command budget (budgets.ts): 'no-op' for a command that would change nothing. */
  budget?(actor: Actor, command: Command): BudgetDecision | 'no-op';
}

export class CommandDesk {
  private readonly ids = new CommandMemory();

  constructor(private readonly hooks: CommandDeskHooks) {}

  receive(actor: Actor, id: string, command: Command, reply: CommandReply): void {
    if (this.ids.has(actor.learnerId, id)) {
      // Applied already (from this or an earlier connection of this learner): acknowledged once it is on disk.
      this.hooks.flushed().then(
        () => reply.ack(),
        (error: unknown) => reply.reject(...unsavedRejection(error, 'command')),
      );
      return;
    }
    const facilitatorCommand = FACILITATOR_COMMANDS.has(command.cmd);
    if ((actor.role === 'facilitator') !== facilitatorCommand && !SHARED_COMMANDS.has(command.cmd)) {
      reply.reject('forbidden', facilitatorCommand ? `only the facilitator can ${command.cmd}` : `${command.cmd} is a learner command`);
      return;
    }
    if (command.cmd === 'confirm-move') {
      if (this.hooks.answerMove(actor.learnerId, command.requestId, command.allow)) reply.ack();
      else reply.reject('malformed', 'no move of this identity is waiting for an answer (it was given up or answered already)');
      return;
    }
    if (this.hooks.ended()) {
      reply.reject('session-ended', ENDED_COMMAND_MESSAGE);
      return;
    }
    const budget = this.hooks.budget?.(actor, command);
    if (budget === 'no-op') return reply.ack(); // nothing to save or relay
    if (budget && !budget.ok) return reply.reject(budget.reason, budget.message);
    const result = applyCommand(this.hooks.context, actor.learnerId, command);
    if (!result.ok) {
      reply.reject(result.reason, result.message);
      return;
    }
    this.ids.add(actor.learnerId, id);
    this.hooks.flushed().then(
      () => reply.ack(),
      (error: unknown) => {
        this.ids.forget(actor.learnerId, id); // not saved: a resend must be applied and saved, not acknowledged from memory
        reply.reject(...unsavedRejection(error, 'command'));
      },
    );
  }
}
