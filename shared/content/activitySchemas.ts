/**
 * Schemas of what learners do in the lesson, as content: poll banks (with the rules a quiz must follow), the
 * strategy template, the evaluation rubric (descriptors per level, weights adding up to 100), the worksheet.
 * Part of the content schema (schema.ts re-exports them).
 */
import { z } from 'zod';
import { caseExampleSchema } from './deliverySchemas';
import { idSchema, md, mdList, ref, refs } from './fields';

export const POLL_KINDS = ['single', 'multiple', 'scale', 'wordcloud', 'text', 'quiz'] as const;

export const pollSchema = z
  .strictObject({
    id: idSchema,
    kind: z.enum(POLL_KINDS),
    prompt: md,
    options: z.array(z.strictObject({ id: idSchema, label: md })).optional(),
    /** Option ids of the correct answers (quiz). */
    correct: refs.optional(),
    explanation: md.optional(),
    scale: z
      .strictObject({
        min: z.number().int(),
        max: z.number().int(),
        minLabel: z.string().optional(),
        maxLabel: z.string().optional(),
      })
      .optional(),
    concepts: refs.optional(),
  })
  .superRefine((poll, ctx) => {
    const choice = poll.kind === 'single' || poll.kind === 'multiple' || poll.kind === 'quiz';
    if (choice && (poll.options?.length ?? 0) < 2) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${poll.kind} poll needs at least two options` });
    }
    if (poll.kind === 'quiz' && (poll.correct?.length ?? 0) === 0) {
      ctx.addIssue({ code: 'custom', path: ['correct'], message: 'a quiz needs the id of its correct option(s)' });
    }
    if (poll.kind === 'quiz' && !poll.explanation) {
      ctx.addIssue({ code: 'custom', path: ['explanation'], message: 'a quiz needs an explanation of the answer' });
    }
    const optionIds = new Set(poll.options?.map((o) => o.id));
    poll.correct?.forEach((c, i) => {
      if (!optionIds.has(c)) ctx.addIssue({ code: 'custom', path: ['correct', i], message: `"${c}" is not one of this poll's option ids` });
    });
    if (poll.kind === 'scale') {
      if (!poll.scale) ctx.addIssue({ code: 'custom', path: ['scale'], message: 'a scale poll needs scale: {min, max}' });
      else if (poll.scale.max <= poll.scale.min) ctx.addIssue({ code: 'custom', path: ['scale', 'max'], message: 'max must be greater than min' });
    }
  });

export const pollBankSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1),
  phase: ref,
  polls: z.array(pollSchema).min(1),
});

export const templateSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1),
  intro: md,
  /** The longer template this one condenses (offered as the extension); a template id. */
  fullVersion: ref.optional(),
  sections: z
    .array(
      z.strictObject({
        id: idSchema,
        title: z.string().min(1),
        purpose: md,
        guidingQuestions: mdList.min(1),
        hints: z.array(z.strictObject({ text: md, concept: ref.optional(), case: ref.optional() })),
        exampleAnswer: md,
        /** Example answers for other cases than the one `exampleAnswer` uses. */
        examples: z.array(caseExampleSchema).optional(),
      }),
    )
    .min(1),
});

export const rubricSchema = z
  .strictObject({
    id: idSchema,
    title: z.string().min(1),
    intro: md.optional(),
    levels: z.array(z.strictObject({ score: z.number().int(), label: z.string().min(1) })).min(2),
    criteria: z
      .array(
        z.strictObject({
          id: idSchema,
          title: z.string().min(1),
          description: md,
          /** Percent of the total; the weights of a rubric add up to 100. */
          weight: z.number().positive(),
          /** One descriptor per level, in the order of `levels`. */
          descriptors: mdList,
          objectives: refs.optional(),
          /** Worked examples: what a team's answer on a case looked like at a level (`level` is a level score). */
          examples: z.array(caseExampleSchema).optional(),
        }),
      )
      .min(1),
  })
  .superRefine((rubric, ctx) => {
    rubric.criteria.forEach((c, i) => {
      if (c.descriptors.length !== rubric.levels.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['criteria', i, 'descriptors'],
          message: `has ${c.descriptors.length} descriptors but the rubric has ${rubric.levels.length} levels`,
        });
      }
    });
    const total = rubric.criteria.reduce((sum, c) => sum + c.weight, 0);
    if (Math.abs(total - 100) > 1e-9) {
      ctx.addIssue({ code: 'custom', path: ['criteria'], message: `weights add up to ${total}, not 100` });
    }
  });

export const worksheetSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1),
  instructions: md,
  dimensions: z
    .array(
      z.strictObject({
        id: idSchema,
        dimension: z.string().min(1),
        prompt: md,
        /** Answer key for the facilitator. */
        devops: md,
        mlops: md,
        discussion: md.optional(),
      }),
    )
    .min(1),
});

const color = z.string().regex(/^(#[0-9a-fA-F]{6}|transparent)$/, 'a colour like "#a5d8ff" (or "transparent")');

/**
 * One shape of a board piece, in Excalidraw's terms: a container (rectangle, ellipse, diamond) with an optional
 * label inside, free text, or an arrow/line from (x, y) by (width, height). Coordinates are relative to the piece.
 */
export const boardShapeSchema = z.strictObject({
  type: z.enum(['rectangle', 'ellipse', 'diamond', 'text', 'arrow', 'line']),
  x: z.number(),
  y: z.number(),
  width: z.number().optional(),
  height: z.number().optional(),
  /** Text inside a container, or the text itself for `text`. */
  label: z.string().min(1).optional(),
  fontSize: z.number().min(8).max(72).optional(),
  fill: color.optional(),
  stroke: color.optional(),
  strokeStyle: z.enum(['solid', 'dashed', 'dotted']).optional(),
  rounded: z.boolean().optional(),
});

/** A library of diagram pieces teams drag onto their Excalidraw boards (Elaborate's strategy diagram). */
export const boardLibrarySchema = z
  .strictObject({
    id: idSchema,
    title: z.string().min(1),
    description: md,
    pieces: z
      .array(
        z.strictObject({
          id: idSchema,
          name: z.string().min(1),
          /** What the piece stands for and when to use it (shown in the kit). */
          description: md,
          concepts: refs.optional(),
          shapes: z
            .array(boardShapeSchema)
            .min(1)
            .superRefine((shapes, ctx) => {
              shapes.forEach((s, i) => {
                if (s.type === 'text' && !s.label) ctx.addIssue({ code: 'custom', path: [i, 'label'], message: 'a text shape needs a label (its text)' });
                if (s.type !== 'text' && (s.width === undefined || s.height === undefined)) {
                  ctx.addIssue({ code: 'custom', path: [i], message: `${s.type === 'ellipse' || s.type === 'arrow' ? 'an' : 'a'} ${s.type} needs a width and a height` });
                }
              });
            }),
        }),
      )
      .min(1)
      .superRefine((pieces, ctx) => {
        const seen = new Set<string>();
        pieces.forEach((p, i) => {
          if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${p.id}" is used twice in this library` });
          seen.add(p.id);
        });
      }),
  });
