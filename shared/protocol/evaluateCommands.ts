/**
 * The commands of the Evaluate phase (presentation queue and rubric scoring), spliced into the room protocol's
 * command union (protocol.ts). The host applies them in electron/host/room/evaluateCommands.ts.
 *
 * Owns: their shapes and bounds, and which of them the facilitator only may send (`score` is sent by learners and
 * by the facilitator alike).
 */
import { z } from 'zod';

const teamId = z.string().regex(/^[a-z0-9-]{1,40}$/);
const itemId = z.string().regex(/^[a-z0-9-]{1,80}$/);
/** A slot's length in seconds (a pitch is one or two minutes; a gallery walk longer). */
const seconds = z.number().int().min(10).max(3600);

/** The rubric as scoring needs it (shared/room/rubricScores.ts RubricSpec), sent by the console from the content. */
export const rubricSpecSchema = z.strictObject({
  id: itemId,
  levels: z.array(z.number().int().min(0).max(100)).min(2).max(10),
  criteria: z
    .array(z.strictObject({ id: itemId, weight: z.number().positive().max(1000) }))
    .min(1)
    .max(20),
});

export const EVALUATE_COMMAND_SCHEMAS = [
  /** The queue's order (and the rubric and default slot length, before the first score). */
  z.strictObject({
    cmd: z.literal('evaluate-queue'),
    teams: z.array(teamId).max(100),
    rubric: rubricSpecSchema.optional(),
    seconds: seconds.optional(),
  }),
  z.strictObject({
    cmd: z.literal('evaluate-shuffle'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31),
  }),
  /** Starts (or restarts, with another length) a team's slot: the host's clock starts the countdown. */
  z.strictObject({ cmd: z.literal('evaluate-start'), teamId, seconds: seconds.optional() }),
  /** The next team in the queue starts (none after the last). */
  z.strictObject({ cmd: z.literal('evaluate-next'), seconds: seconds.optional() }),
  z.strictObject({ cmd: z.literal('evaluate-close'), teamId, closed: z.boolean() }),
  /**
   * Parallel pitch circles (large rooms) on, formed from the current queue in chunks of `teamsPerCircle`; null: back
   * to one queue. While circles are on, `evaluate-next` starts the next round and `evaluate-start` the round in
   * which that team pitches (electron/host/room/evaluateCircles.ts).
   */
  z.strictObject({ cmd: z.literal('evaluate-circles'), teamsPerCircle: z.number().int().min(2).max(10).nullable() }),
  /** Starts (or restarts) round `round` (0-based) of the circles: every circle's team of that round pitches at once; null ends. */
  z.strictObject({ cmd: z.literal('evaluate-round'), round: z.number().int().min(0).max(99).nullable(), seconds: seconds.optional() }),
  z.strictObject({ cmd: z.literal('evaluate-reveal'), teamId, revealed: z.boolean() }),
  /** One scorer's levels (a resend replaces those criteria), one strength and one question. */
  z.strictObject({
    cmd: z.literal('score'),
    teamId,
    levels: z.record(itemId, z.number().int().min(0).max(100)).refine((l) => Object.keys(l).length <= 20, 'at most 20 criteria'),
    strength: z.string().trim().max(400).optional(),
    question: z.string().trim().max(400).optional(),
  }),
] as const;

export const EVALUATE_FACILITATOR_COMMANDS = [
  'evaluate-queue',
  'evaluate-shuffle',
  'evaluate-start',
  'evaluate-next',
  'evaluate-close',
  'evaluate-reveal',
  'evaluate-circles',
  'evaluate-round',
] as const;
/** Commands both roles may send. */
export const SHARED_COMMANDS: ReadonlySet<string> = new Set(['score']);
