/**
 * Schemas for delivering the lesson to a real room: large rooms (40–60 people), less reading in the session,
 * case guides for the facilitator, pre-work, remote and asynchronous formats, formative look-fors.
 * Part of the content schema (schema.ts re-exports them and adds the fields to phases, cases and the lesson).
 *
 * Owns: the large-room variant of a phase, the case's at-a-glance block and facilitator guide, the lesson's
 * scale note, pre-work and virtual/asynchronous formats, and the look-for checklist item.
 */
import { z } from 'zod';
import { md, mdList, ref, refs } from './fields';

/** Words in a Markdown string (for the at-a-glance length rule). */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export const AT_A_GLANCE_WORDS = { min: 100, max: 200 } as const;

/**
 * A phase run for a large room (from `fromTeams` teams on): its own minute-by-minute steps, which must tile the
 * phase's minutes like the run of show does, and the named cuts that pay for what the large room adds (the
 * join step, the break, parallel reports). `cuts` also serve as the timing cues per room size.
 */
export const largeRoomSchema = z.strictObject({
  fromTeams: z.number().int().min(2).max(100),
  /** What changes in this phase for a large room, in two or three sentences. */
  summary: md,
  /** Before the phase starts (the doors-open join step before Engage): how long before, and what happens. */
  beforeStart: z.strictObject({ minutes: z.number().int().positive(), does: md }).optional(),
  steps: z
    .array(
      z.strictObject({
        minute: z.number().int().min(0),
        minutes: z.number().int().positive(),
        title: z.string().min(1),
        does: md,
        /** A break for everyone (the lesson has one 10-minute break in its large-room plan). */
        break: z.boolean().optional(),
      }),
    )
    .min(1),
  /** What to cut, from which room size on, and the minutes it saves compared with the standard steps run at that size. */
  cuts: z
    .array(z.strictObject({ fromTeams: z.number().int().min(1).max(100), cut: md, saves: z.number().int().positive() }))
    .min(1),
});

/** One item of a phase's formative checklist: the short tag (shown on the observation notes) and what it means. */
export const lookForSchema = z.union([
  z.string().trim().min(1).max(60),
  z.strictObject({
    tag: z.string().trim().min(1).max(60),
    /** What the facilitator sees or hears when it is there. */
    evidence: md,
    /** What to do when a team does not show it. */
    ifMissing: md,
  }),
]);
export type LookFor = z.infer<typeof lookForSchema>;

/** The tags of a phase's look-fors, in order (what the observation notes offer as quick buttons). */
export function lookForTags(lookFors: readonly LookFor[] | undefined): string[] {
  return (lookFors ?? []).map((l) => (typeof l === 'string' ? l : l.tag));
}

/** A case's answer guide for the facilitator: what strong strategies contain and a stress test to throw at teams. */
export const caseGuideSchema = z.strictObject({
  /** The three to five challenges a strong team ranks first, each with the practice that answers it. */
  strongAnswers: mdList.min(3),
  /** What teams often miss or get wrong on this case. */
  commonGaps: mdList.min(1),
  stressTest: z.strictObject({
    /** Read out (or pushed) mid-Elaborate: something goes wrong; does the strategy hold? */
    scenario: md,
    /** What a team whose strategy holds would say. */
    goodResponse: mdList.min(1),
  }),
});

/** What each role reads of a long case (profile ids from the lesson). */
export const roleReadingSchema = z.array(z.strictObject({ profiles: refs.min(1), read: md })).min(1);

/** The lesson's note on room size and staffing. */
export const scaleSchema = z.strictObject({
  /** One co-facilitator per this many teams. */
  teamsPerCoFacilitator: z.number().int().min(1).max(20),
  staffing: md,
  sizes: z
    .array(z.strictObject({ label: z.string().min(1), people: z.string().min(1), teams: z.string().min(1), plan: md }))
    .min(1),
});

/** Pre-work the facilitator sends before the day (rendered as a printable kit page). */
export const preWorkSchema = z.strictObject({
  intro: md,
  items: z
    .array(
      z.strictObject({
        title: z.string().min(1),
        minutes: z.number().int().positive(),
        /** Optional items are for those who want them; the session does not rely on them. */
        optional: z.boolean().optional(),
        /** Profile ids this item is for; all learners when left out. */
        profiles: refs.optional(),
        what: md,
        /** An item of the pack to read (a resource or case). */
        item: ref.optional(),
      }),
    )
    .min(1),
  /** The short in-session version of the optional primer, for who skipped it. */
  primerInSession: z.strictObject({ minutes: z.number().int().positive(), text: md }),
});

/** Remote, asynchronous and hackathon formats. */
export const virtualSchema = z.strictObject({
  remoteTimings: z.array(z.strictObject({ phase: ref, minutes: z.number().int().positive(), changes: md })).min(1),
  preRecord: mdList.min(1),
  asynchronous: mdList.min(1),
  hackathon: z.strictObject({ brief: md, schedule: mdList.min(1), deliverables: mdList.min(1), judging: md }),
});

/** A worked example of a template section or a rubric criterion for a given case. */
export const caseExampleSchema = z.strictObject({ case: ref, text: md, level: z.number().int().optional() });
