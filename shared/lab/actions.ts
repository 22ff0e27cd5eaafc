/**
 * The lab's actions: everything a team (or the facilitator) can do, as data.
 *
 * Owns: the zod schema of one action, the caps that bound a replay, and `parseAction` (untrusted input → a typed
 * action or a sentence saying what is wrong). A team's lab is `{ scenario, seed, actions[] }`; every screen replays
 * the same list (session.ts) and gets the same state. The list arrives from other devices, so each action is
 * validated here and sizes are capped: a hostile or corrupt list can waste at most the capped work, never crash
 * the replay or grow it without bound.
 */
import { z } from 'zod';
import { idSchema } from '../content/fields';
import { SHIFT_KINDS } from './scenarioSchema';

export const LAB_LIMITS = {
  /** Actions replayed; later ones are refused with an error. */
  maxActions: 2000,
  /** Last simulated day. */
  maxDay: 365,
  maxDaysPerAdvance: 30,
  maxRuns: 100,
  maxInjectedShifts: 20,
  /** Training window in days (plus one holdout day), and rows sampled from it. */
  maxWindowDays: 28,
  maxTrainingRows: 20_000,
} as const;

export const PIPELINE_STEPS = ['ingest', 'validate', 'features', 'train', 'evaluate', 'register', 'deploy', 'monitor'] as const;
export type PipelineStep = (typeof PIPELINE_STEPS)[number];

const version = z.number().int().min(1).max(10_000);

export const actionSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('train'),
    model: z.enum(['logistic', 'tree']).default('logistic'),
    /** Feature ids; default: every feature of the scenario including the store feature. */
    features: z.array(idSchema).min(1).max(32).optional(),
    windowDays: z.number().int().min(2).max(LAB_LIMITS.maxWindowDays).default(14),
    params: z
      .strictObject({
        l2: z.number().finite().min(0).max(1000).optional(),
        maxDepth: z.number().int().min(1).max(10).optional(),
        minLeaf: z.number().int().min(5).max(5000).optional(),
      })
      .default({}),
    /** How the store feature is joined; default: point in time when the pipeline's feature-store step is on. */
    join: z.enum(['point-in-time', 'latest']).optional(),
  }),
  z.strictObject({ type: z.literal('register'), runId: z.string().regex(/^run-\d{1,5}$/, 'a run id looks like "run-3"') }),
  z.strictObject({ type: z.literal('promote'), version }),
  z.strictObject({ type: z.literal('challenger'), version }),
  z.strictObject({ type: z.literal('rollback') }),
  z.strictObject({ type: z.literal('archive'), version }),
  z.strictObject({ type: z.literal('setLevel'), level: z.union([z.literal(0), z.literal(1), z.literal(2)]) }),
  z.strictObject({ type: z.literal('setStep'), step: z.enum(PIPELINE_STEPS), on: z.boolean() }),
  z.strictObject({ type: z.literal('setTriggers'), scheduleDays: z.number().int().min(1).max(60).nullable(), onDrift: z.boolean() }),
  z.strictObject({ type: z.literal('setDeployMode'), mode: z.enum(['direct', 'canary', 'shadow']) }),
  z.strictObject({ type: z.literal('setThreshold'), threshold: z.number().finite().gt(0).lt(1) }),
  z.strictObject({ type: z.literal('advance'), days: z.number().int().min(1).max(LAB_LIMITS.maxDaysPerAdvance) }),
  z.strictObject({
    type: z.literal('inject'),
    /** The simulated day the incident starts (the facilitator's shared moment); a past day means "now". */
    day: z.number().int().min(0).max(LAB_LIMITS.maxDay).optional(),
    kind: z.enum(SHIFT_KINDS),
    feature: idSchema.optional(),
    amount: z.number().finite().min(-1000).max(1000),
    rampDays: z.number().int().min(0).max(60).default(0),
    note: z.string().max(300).optional(),
  }),
  /** Fixes a feature-pipeline bug, or converts an upstream unit change back at ingestion, from today on. */
  z.strictObject({ type: z.literal('fixPipeline'), feature: idSchema }),
  z.strictObject({ type: z.literal('declareIncident'), note: z.string().max(300).optional() }),
]);
export type LabAction = z.infer<typeof actionSchema>;
export type DeployMode = 'direct' | 'canary' | 'shadow';
export type LabActionInput = z.input<typeof actionSchema>;

export function parseAction(raw: unknown): { ok: true; action: LabAction } | { ok: false; error: string } {
  const r = actionSchema.safeParse(raw);
  if (r.success) return { ok: true, action: r.data };
  const type =
    typeof raw === 'object' && raw !== null && typeof (raw as { type?: unknown }).type === 'string'
      ? String((raw as { type: string }).type).slice(0, 40)
      : '?';
  const issue = r.error.issues[0];
  const where = issue && issue.path.length ? issue.path.join('.') + ': ' : '';
  return { ok: false, error: `not a valid lab action (type "${type}"): ${where}${issue?.message ?? 'invalid'}` };
}
