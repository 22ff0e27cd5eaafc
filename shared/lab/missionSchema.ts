/**
 * The lab's guided self-study path (issue 16 §9): five short missions tied to the lesson's phases, as content
 * (`content/missions/*.yaml`, loaded into the pack as `pack.missions`).
 *
 * Owns: the zod schema of a mission set — each mission's phase, title, goal, steps and hints — and of a step's
 * completion check. A check is one of a small set of named predicates that the lab's state can really decide
 * (missions.ts evaluates them); a step the state cannot decide belongs in the mission's `debrief` text, not in a
 * step. Hints link to a concept page or a glossary term; `npm run content:check` fails on a link to neither
 * (pack.ts), as it does on an unknown phase.
 */
import { z } from 'zod';
import { idSchema, md, ref } from '../content/fields';

const count = (max: number) => z.number().int().min(1).max(max);

/** The named predicates a step's `check` may use (see missions.ts for what each one reads). */
export const missionCheckSchema = z.discriminatedUnion('kind', [
  /** At least `n` runs in the experiment log. */
  z.strictObject({ kind: z.literal('runsAtLeast'), n: count(100) }),
  /** Runs of both model kinds (logistic regression and tree). */
  z.strictObject({ kind: z.literal('modelKindsCompared') }),
  /** A run trained with the point-in-time join and one with the "latest" join (the feature-store leak). */
  z.strictObject({ kind: z.literal('joinsCompared') }),
  /** A model version is in production (the champion). */
  z.strictObject({ kind: z.literal('championSet') }),
  /** At least `n` simulated days have passed. */
  z.strictObject({ kind: z.literal('daysAtLeast'), n: count(365) }),
  /** An incident (a scheduled shift or an injected one) has begun. */
  z.strictObject({ kind: z.literal('incidentOpened') }),
  /** The learner injected an incident. */
  z.strictObject({ kind: z.literal('incidentInjected') }),
  z.strictObject({ kind: z.literal('levelAtLeast'), level: z.union([z.literal(1), z.literal(2)]) }),
  /** The pipeline's monitor step is on. */
  z.strictObject({ kind: z.literal('monitoringOn') }),
  /** Monitoring raised an alert (of this kind, if given). */
  z.strictObject({ kind: z.literal('alertRaised'), alert: z.enum(['drift', 'prediction-drift', 'validation', 'quality']).optional() }),
  /** The promotion gate refused a version. */
  z.strictObject({ kind: z.literal('gateRefused') }),
  /** A version replaced a champion through the gate (compared with it on the same holdout). */
  z.strictObject({ kind: z.literal('promotedThroughGate') }),
  z.strictObject({ kind: z.literal('rolledBack') }),
  /** Continuous training deployed a model (a run triggered by a schedule or an alert became the champion). */
  z.strictObject({ kind: z.literal('autoDeployed') }),
  /** An incident was detected (by monitoring, or by a declaration when `by` is omitted). */
  z.strictObject({ kind: z.literal('incidentDetected'), by: z.enum(['alert', 'any']).default('any') }),
  /** An incident that hurt (cost past the impact threshold) has recovered. */
  z.strictObject({ kind: z.literal('incidentRecovered') }),
  /** Live quality by subgroup has arrived (monitoring on, labels back, a scenario with subgroups). */
  z.strictObject({ kind: z.literal('liveSubgroups') }),
  /** The pipeline automates at least `n` items of the ML Test Score (mlTestScoreLink.ts). */
  z.strictObject({ kind: z.literal('automatesAtLeast'), n: count(28) }),
]);
export type MissionCheck = z.infer<typeof missionCheckSchema>;
export type MissionCheckKind = MissionCheck['kind'];

/** A hint: a sentence, optionally linked to a concept page (`concept`) or a glossary entry (`term`). */
export const missionHintSchema = z.strictObject({ text: md, concept: ref.optional(), term: ref.optional() });

export const missionSchema = z.strictObject({
  id: idSchema,
  /** The lesson phase the mission belongs to (phases/<id>.yaml). */
  phase: ref,
  title: z.string().min(1).max(100),
  goal: md,
  steps: z
    .array(z.strictObject({ text: md, check: missionCheckSchema }))
    .min(1)
    .max(8),
  hints: z.array(missionHintSchema).max(8).default([]),
  /** What to think about once the steps are done (not checked). */
  debrief: md.optional(),
});
export type Mission = z.infer<typeof missionSchema>;

export const missionSetSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1).max(120),
  intro: md.optional(),
  missions: z
    .array(missionSchema)
    .min(1)
    .max(12)
    .superRefine((ms, ctx) => {
      const seen = new Set<string>();
      ms.forEach((m, i) => {
        if (seen.has(m.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${m.id}" is used by an earlier mission` });
        seen.add(m.id);
      });
    }),
});
export type MissionSet = z.infer<typeof missionSetSchema>;

/** Every cross-reference of a mission set, as `{ field, value, kind }` for the pack's checker. */
export function missionRefs(set: MissionSet): { field: string; value: string; kind: 'phase' | 'concept' | 'term' }[] {
  return set.missions.flatMap((m, i) => [
    { field: `missions[${i}].phase`, value: m.phase, kind: 'phase' as const },
    ...m.hints.flatMap((h, j) => [
      ...(h.concept ? [{ field: `missions[${i}].hints[${j}].concept`, value: h.concept, kind: 'concept' as const }] : []),
      ...(h.term ? [{ field: `missions[${i}].hints[${j}].term`, value: h.term, kind: 'term' as const }] : []),
    ]),
  ]);
}
