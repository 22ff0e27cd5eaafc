/**
 * What an ended session still accepts, and what it tells those it refuses.
 *
 * Owns: the one exception to "an ended session is read-only for everyone": the facilitator's own reflection
 * (`facilitator/reflection`), which the lesson plan asks the facilitator to write after the session. Only that
 * document, only the facilitator; every other document update and every command is refused with `session-ended`
 * and one of the messages below (what happened, that nothing changed, what the user can still do).
 */
import type { Actor } from '../../../shared/room/documents';

/** The facilitator's reflection after the session (renderer/src/reflect/ConsoleReflection.tsx writes it). */
export const FACILITATOR_REFLECTION = 'facilitator/reflection';

/** Whether `actor` may still change `doc` once the session has ended. */
export function writableAfterEnd(actor: Pick<Actor, 'role'> | null | undefined, doc: string): boolean {
  return actor?.role === 'facilitator' && doc === FACILITATOR_REFLECTION;
}

export const ENDED_EDIT_MESSAGE =
  'this session has ended: everything in it is read-only now, so this change was not saved in the room (what was saved before the end is kept and stays readable)';

export const ENDED_COMMAND_MESSAGE =
  'this session has ended: everything in it is read-only now, so this was not done (what was saved before the end is kept and stays readable)';
