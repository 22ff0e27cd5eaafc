/**
 * The MLOps lab's scenario files (`content/lab/*.yaml`): one case study turned into a data-generating process.
 *
 * Owns: the zod schema of a scenario (features and how they drive the true risk, subgroups, class imbalance,
 * delayed ground truth, business costs, monitoring thresholds, the promotion gate, scheduled shifts) and of a
 * shift (also used by the facilitator's injected incidents), plus `parseScenario` with errors naming the field.
 *
 * How the generator reads a scenario (see generator.ts): each row draws a subgroup, an entity (card, patient,
 * customer) and its features; the true log-odds is `intercept + Σ weight·z + Σ quad·z² + entity risk + subgroup
 * logit`, where z is the feature standardised by its own distribution; the intercept is solved so the base rate
 * is `baseRate`. Objects are strict like the content schema: an unknown key is almost always a misspelt field.
 */
import { z } from 'zod';
import { idSchema } from '../content/fields';

const text = z.string().trim().min(1).max(2000);
const finite = z.number().finite();

export const featureSchema = z.strictObject({
  id: idSchema,
  label: z.string().min(1).max(80),
  unit: z.string().max(40).default(''),
  /** normal: mean/sd of the value; lognormal: mean/sd of ln(value); bernoulli: p = mean (sd ignored). */
  dist: z.enum(['normal', 'lognormal', 'bernoulli']),
  mean: finite,
  sd: finite.positive().default(1),
  /** Effect of one standard deviation on the true log-odds (0 = pure noise feature, a red herring). */
  weight: finite.min(-10).max(10),
  /** Effect of z² on the true log-odds: a non-linearity a tree can find and a linear model cannot. */
  quad: finite.min(-5).max(5).default(0),
});
export type LabFeature = z.infer<typeof featureSchema>;

export const SHIFT_KINDS = ['covariate', 'concept', 'prior', 'upstream', 'pipelineBug'] as const;
export type ShiftKind = (typeof SHIFT_KINDS)[number];

/**
 * A change in the world (or in the plumbing) from `day` on.
 * - covariate: the feature's distribution moves by `amount` standard deviations (P(x) changes, P(y|x) does not);
 * - concept: the feature's effect on the true log-odds changes by `amount` (P(y|x) changes);
 * - prior: the odds of a positive are multiplied by `amount` with P(x|y) unchanged (label shift, by rejection);
 * - upstream: the source starts sending the feature multiplied by `amount` (a unit change, e.g. euros → cents);
 *   it reaches both the logged (offline) data and the served data, so retraining on new data absorbs it;
 * - pipelineBug: the online feature path multiplies the feature by `amount` (0 = the value is lost and filled
 *   with 0); the offline store stays right, so retraining does NOT fix it: training/serving skew until fixed.
 * `rampDays` spreads covariate/concept/prior changes linearly over that many days (0 = a step).
 */
export const shiftSchema = z
  .strictObject({
    day: z.number().int().min(0).max(365),
    kind: z.enum(SHIFT_KINDS),
    feature: idSchema.optional(),
    amount: finite.min(-1000).max(1000),
    rampDays: z.number().int().min(0).max(60).default(0),
    note: z.string().max(300).optional(),
  })
  .superRefine((s, ctx) => {
    if (s.kind !== 'prior' && !s.feature)
      ctx.addIssue({ code: 'custom', path: ['feature'], message: `a ${s.kind} shift names the feature it changes` });
    if (s.kind === 'prior' && !(s.amount >= 0.05 && s.amount <= 20))
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'a prior shift multiplies the odds by 0.05 … 20' });
  });
export type Shift = z.infer<typeof shiftSchema>;

export const scenarioSchema = z
  .strictObject({
    id: idSchema,
    title: z.string().min(1).max(120),
    /** The content pack's case study this scenario belongs to (cases/<id>.yaml). */
    case: idSchema,
    summary: text,
    /** What one row is, e.g. "card payment". */
    rowNoun: z.string().min(1).max(40),
    positiveLabel: z.string().min(1).max(60),
    /** The positive rate the demo generates (realistic rates may be too rare for 10k rows a day: say so in notes). */
    baseRate: finite.min(0.001).max(0.5),
    realBaseRate: z.string().max(200).optional(),
    rowsPerDay: z.number().int().min(100).max(50_000).default(10_000),
    /** Days of labelled history before day 0, so a team can train at once. */
    historyDays: z.number().int().min(7).max(120).default(30),
    /** Ground truth for a row scored on day d arrives on day d + labelDelayDays. */
    labelDelayDays: z.number().int().min(0).max(60),
    entity: z.strictObject({
      noun: z.string().min(1).max(40),
      count: z.number().int().min(10).max(200_000),
      /** Standard deviation of each entity's latent risk on the log-odds scale. */
      riskSd: finite.min(0).max(3),
      /**
       * The feature-store feature: this entity's confirmed positives over the last `windowDays` (known only once
       * labels arrive). A window keeps it stationary; a count since the beginning would drift by construction.
       */
      storeFeature: z.strictObject({
        id: idSchema,
        label: z.string().min(1).max(80),
        windowDays: z.number().int().min(1).max(120).default(28),
      }),
    }),
    features: z.array(featureSchema).min(2).max(16),
    subgroups: z
      .strictObject({
        id: idSchema,
        label: z.string().min(1).max(80),
        groups: z
          .array(
            z.strictObject({
              id: idSchema,
              label: z.string().min(1).max(80),
              share: finite.positive().max(1),
              logit: finite.min(-5).max(5).default(0),
              /** Feature mean offsets in standard deviations for this group. */
              shift: z.record(idSchema, finite.min(-5).max(5)).default({}),
            }),
          )
          .min(2)
          .max(8),
      })
      .optional(),
    costs: z.strictObject({
      currency: z.string().min(1).max(20),
      falsePositive: finite.min(0),
      falseNegative: finite.min(0),
      truePositive: finite.min(0).default(0),
      falsePositiveMeans: z.string().min(1).max(200),
      falseNegativeMeans: z.string().min(1).max(200),
    }),
    threshold: finite.gt(0).lt(1),
    monitoring: z.strictObject({
      psiWarn: finite.positive().default(0.1),
      psiAlert: finite.positive().default(0.2),
      ksAlert: finite.positive().max(1).default(0.1),
      aucDropAlert: finite.positive().max(0.5).default(0.05),
      validationAlert: finite.positive().max(1).default(0.05),
    }),
    gate: z.strictObject({
      minAuc: finite.min(0.5).max(1),
      maxEce: finite.positive().max(1),
      /** Tolerance when comparing with the champion on the same holdout: candidate AUC ≥ champion AUC − this. */
      aucTolerance: finite.min(0).max(0.2).default(0.005),
      /** … and candidate cost per 1,000 rows ≤ champion's × (1 + this). */
      costTolerance: finite.min(0).max(1).default(0.02),
    }),
    shifts: z.array(shiftSchema).max(20).default([]),
    notes: text.optional(),
  })
  .superRefine((s, ctx) => {
    const ids = new Set(s.features.map((f) => f.id));
    if (ids.size !== s.features.length) ctx.addIssue({ code: 'custom', path: ['features'], message: 'feature ids must be unique' });
    if (ids.has(s.entity.storeFeature.id))
      ctx.addIssue({
        code: 'custom',
        path: ['entity', 'storeFeature', 'id'],
        message: 'the store feature id must differ from the request features',
      });
    s.shifts.forEach((sh, i) => {
      if (sh.feature && !ids.has(sh.feature))
        ctx.addIssue({ code: 'custom', path: ['shifts', i, 'feature'], message: `no feature "${sh.feature}" in this scenario` });
    });
    if (s.subgroups) {
      const total = s.subgroups.groups.reduce((a, g) => a + g.share, 0);
      if (Math.abs(total - 1) > 1e-6)
        ctx.addIssue({ code: 'custom', path: ['subgroups', 'groups'], message: `shares must add up to 1 (they add up to ${total})` });
      s.subgroups.groups.forEach((g, i) => {
        for (const f of Object.keys(g.shift))
          if (!ids.has(f))
            ctx.addIssue({ code: 'custom', path: ['subgroups', 'groups', i, 'shift', f], message: `no feature "${f}" in this scenario` });
      });
    }
    if (s.monitoring.psiWarn > s.monitoring.psiAlert)
      ctx.addIssue({ code: 'custom', path: ['monitoring', 'psiWarn'], message: 'psiWarn must not exceed psiAlert' });
  });
export type Scenario = z.infer<typeof scenarioSchema>;

/** Parses untrusted scenario data; throws one Error listing every problem as `field.path: message`. */
export function parseScenario(data: unknown, file = 'scenario'): Scenario {
  const r = scenarioSchema.safeParse(data);
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => `${file}: ${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new Error(lines.join('\n'));
}

/** All request feature ids followed by the store feature id: the full feature set a model may use. */
export function allFeatureIds(s: Scenario): string[] {
  return [...s.features.map((f) => f.id), s.entity.storeFeature.id];
}
