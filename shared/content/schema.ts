/**
 * The content schema: the shape of every file under `content/`.
 *
 * Owns: one zod schema per kind of content file, and the `ContentPack` type the app renders.
 * Content is input like any other: the host, the build and `npm run content:check` parse every file with
 * these schemas, so a facilitator's typo becomes an error naming the file and the field, never a blank screen.
 * Objects are strict: an unknown key is an error (it is almost always a misspelt field).
 *
 * Markdown fields are plain strings rendered as GitHub-flavoured Markdown; images in Markdown or `image`
 * fields are paths relative to `content/` (e.g. `images/pipeline.png`).
 */
import { z } from 'zod';
import { boardLibrarySchema, pollBankSchema, rubricSchema, templateSchema, worksheetSchema, type pollSchema } from './activitySchemas';
import { AT_A_GLANCE_WORDS, caseGuideSchema, largeRoomSchema, lookForSchema, preWorkSchema, roleReadingSchema, scaleSchema, virtualSchema, wordCount } from './deliverySchemas';
import { assetPath, idSchema, md, mdList, ref, refs } from './fields';
import { scenarioSchema, type Scenario } from '../lab/scenarioSchema';
import { missionSetSchema, type MissionSet } from '../lab/missionSchema';

export * from './activitySchemas';
export * from './deliverySchemas';
export { idSchema } from './fields';

export const BLOOM_LEVELS = ['Remembering', 'Understanding', 'Applying', 'Analyzing', 'Evaluating', 'Creating'] as const;

export const sourceSchema = z.strictObject({
  title: z.string().min(1),
  publisher: z.string().optional(),
  authors: z.string().optional(),
  year: z.number().int().optional(),
  /** Shown as text for the reader to look up later; the app never fetches it. */
  url: z.string().optional(),
});

export const objectiveSchema = z.strictObject({
  id: idSchema,
  text: md,
  bloom: z.enum(BLOOM_LEVELS),
});

export const profileSchema = z.strictObject({
  id: idSchema,
  label: z.string().min(1),
  description: md.optional(),
});

export const exitTicketSchema = z.strictObject({
  intro: md.optional(),
  /** "One thing I will change at work". */
  change: md,
  /** "One question I still have". */
  question: md,
  /** Confidence before and after the workshop, on the 1–5 scale the protocol fixes. */
  confidenceBefore: md,
  confidenceAfter: md,
  scale: z.strictObject({ minLabel: z.string().min(1), maxLabel: z.string().min(1) }),
  /** The session feedback poll the console offers at the close (a poll id from the bank). */
  feedbackPoll: ref.optional(),
});

export const lessonSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1),
  subtitle: z.string().optional(),
  durationMinutes: z.number().int().positive(),
  audience: md,
  summary: md.optional(),
  objectives: z.array(objectiveSchema).min(1),
  /** Concept ids, in the order the lesson lists them. */
  keyConcepts: refs,
  priorKnowledge: mdList,
  materials: mdList,
  /** Phase ids, in running order. */
  phases: refs.min(1),
  assessment: z.array(
    z.strictObject({
      id: idSchema,
      kind: z.enum(['formative', 'summative']),
      method: md,
      alignment: md,
      objectives: refs.optional(),
      evidence: mdList.optional(),
    }),
  ),
  differentiation: z.array(
    z.strictObject({
      id: idSchema,
      audience: z.string().min(1),
      strategies: mdList.min(1),
    }),
  ),
  crossDisciplinary: mdList,
  realWorldApplications: z.array(z.strictObject({ text: md, case: ref.optional() })),
  metacognition: mdList,
  extensionActivities: mdList,
  safety: mdList,
  reflection: z.strictObject({ learners: mdList.min(1), facilitator: mdList.min(1) }),
  /** The exit ticket at the close (shared/room/exitTicket.ts): two open questions and a confidence pair. */
  exitTicket: exitTicketSchema.optional(),
  virtualAdaptations: mdList,
  /** Remote timings, what to pre-record, asynchronous and hackathon formats. */
  virtual: virtualSchema.optional(),
  /** Room size and staffing (one co-facilitator per so many teams). */
  scale: scaleSchema.optional(),
  /** What the facilitator sends before the day (the kit's pre-work page). */
  preWork: preWorkSchema.optional(),
  /** Resource ids. */
  additionalResources: refs,
  /** Experience profiles a learner picks when joining (used for grouping and differentiation). */
  profiles: z.array(profileSchema).optional(),
});

export const runOfShowStepSchema = z.strictObject({
  /** Minutes from the start of the phase. */
  minute: z.number().int().min(0),
  minutes: z.number().int().positive(),
  title: z.string().min(1),
  facilitatorSays: md.optional(),
  facilitatorDoes: md.optional(),
  learnersDo: md.optional(),
  /** The item learners see on their screens during this step. */
  screen: ref.optional(),
  expected: md.optional(),
  misconceptions: mdList.optional(),
});

export const phaseSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1),
  minutes: z.number().int().positive(),
  goal: md,
  objectives: refs.optional(),
  facilitatorActions: mdList.min(1),
  learnerActivities: mdList.min(1),
  /** Ids of any items (case studies, decks, diagrams, templates, tools, resources, polls...). */
  resources: refs,
  differentiation: mdList,
  technologyIntegration: mdList,
  runOfShow: z.array(runOfShowStepSchema).optional(),
  timingCues: z.array(z.strictObject({ when: md, do: md })).optional(),
  /** Prompts for each learner's private journal during this phase, shown first on the journal screen. */
  journalPrompts: mdList.optional(),
  /**
   * The formative checklist: what the facilitator looks for while teams work. Each tag (a short phrase) is a quick
   * button on the observation notes; the object form adds the evidence and what to do when it is missing.
   */
  lookFors: z.array(lookForSchema).optional(),
  /** How to run the phase with a large room (from `fromTeams` teams on); its steps tile the phase's minutes. */
  largeRoom: largeRoomSchema.optional(),
  /**
   * Evaluate's large-room pitch format: from `fromTeams` teams on, teams pitch in parallel circles of
   * `teamsPerCircle` (each team scores the other teams of its circle), `seconds` per pitch; `text` is what the
   * facilitator tells the room. Other phases leave it out.
   */
  pitchCircles: z
    .strictObject({
      fromTeams: z.number().int().min(3).max(100),
      teamsPerCircle: z.number().int().min(2).max(10),
      seconds: z.number().int().min(10).max(3600),
      text: md,
    })
    .optional(),
});

export const conceptSchema = z.strictObject({
  id: idSchema,
  term: z.string().min(1),
  aka: z.array(z.string()).optional(),
  /** One sentence for someone new to ML. */
  oneLiner: md,
  whatItIs: md,
  whyMl: md,
  forDevOps: md.optional(),
  example: z.strictObject({ case: ref, text: md }),
  pitfalls: mdList.min(1),
  /** Tool ids. */
  tools: refs,
  related: refs.optional(),
  sources: z.array(sourceSchema).optional(),
});

export const toolSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1),
  category: z.string().min(1),
  whatItDoes: md,
  whereItFits: md,
  concepts: refs,
  strengths: mdList.optional(),
  watchOutFor: mdList.optional(),
  license: z.string().optional(),
  alternatives: z.array(z.string()).optional(),
  docs: z.string().optional(),
  /** Where the dated facts on this card (owners, renamed modes, API names) were checked. */
  sources: z.array(sourceSchema).optional(),
});

export const caseSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1),
  /** engage: the opening scenario; elaborate: the complex case; application: the real-world application cases. */
  kind: z.enum(['engage', 'elaborate', 'application']),
  domain: z.string().min(1),
  summary: md,
  /** About 150 words read in the session (the full `body` is pre-reading). */
  atAGlance: md
    .refine((t) => wordCount(t) >= AT_A_GLANCE_WORDS.min && wordCount(t) <= AT_A_GLANCE_WORDS.max, {
      message: `must be ${AT_A_GLANCE_WORDS.min}–${AT_A_GLANCE_WORDS.max} words (about 150): it is what the room reads in the session`,
    })
    .optional(),
  body: md,
  /** Who reads which part of the full case before the day (profile ids from the lesson). */
  roleReading: roleReadingSchema.optional(),
  /** For the facilitator only: strong answers, common gaps and a stress-test scenario. */
  facilitatorGuide: caseGuideSchema.optional(),
  /** Extra background for learners new to ML deployment. */
  moreContext: md.optional(),
  facts: z.array(z.strictObject({ label: z.string().min(1), value: md })),
  constraints: mdList,
  symptoms: mdList.optional(),
  incidents: mdList.optional(),
  discussionQuestions: mdList.min(1),
  /** Concept ids this case exercises. */
  concepts: refs.min(1),
  /** Whether teams may take this case in Elaborate. */
  elaborateChoice: z.boolean().optional(),
  image: assetPath.optional(),
  sources: z.array(sourceSchema).optional(),
});

export const slideSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1),
  layout: z.enum(['title', 'section', 'content', 'diagram']).optional(),
  body: md.optional(),
  /** Diagram id shown on the slide. */
  diagram: ref.optional(),
  image: assetPath.optional(),
  notes: md,
  /** Poll id the facilitator runs at this slide. */
  poll: ref.optional(),
  concepts: refs.optional(),
  /** Where the slide's dated facts come from, listed under its notes. */
  sources: z.array(sourceSchema).optional(),
});

export const deckSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1),
  phase: ref,
  slides: z.array(slideSchema).min(1),
});

export const diagramSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1),
  caption: md,
  /** SVG file beside this one, e.g. `ml-lifecycle.svg`. */
  file: z.string().regex(/^[a-z0-9][a-z0-9-]*\.svg$/, 'the name of an .svg file in content/diagrams/'),
  alt: z.string().min(1),
  concepts: refs.optional(),
  sources: z.array(sourceSchema).optional(),
});

export const resourceSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1),
  kind: z.enum(['reference', 'reading', 'paper', 'guide']),
  level: z.enum(['novice', 'experienced', 'all']),
  authors: z.string().optional(),
  publisher: z.string().optional(),
  year: z.number().int().optional(),
  /** Where to find the original, shown as text only. */
  citation: z.string().min(1),
  readingMinutes: z.number().int().positive().optional(),
  summary: md,
  keyPoints: mdList.min(1),
  body: md.optional(),
  concepts: refs.optional(),
  sources: z.array(sourceSchema).optional(),
});

export const mlTestScoreSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1),
  source: sourceSchema,
  intro: md,
  /** How points are given per test and how the final score is derived. */
  scoring: md,
  points: z.array(z.strictObject({ value: z.number(), label: z.string().min(1) })).min(1),
  interpretation: z.array(z.strictObject({ minScore: z.number(), label: z.string().min(1), meaning: md })).min(1),
  categories: z
    .array(
      z.strictObject({
        id: idSchema,
        name: z.string().min(1),
        description: md,
        tests: z.array(z.strictObject({ id: idSchema, title: z.string().min(1), description: md, concepts: refs.optional() })).min(1),
      }),
    )
    .min(1),
});

export const ethicsSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1),
  body: md,
  prompts: z.array(z.strictObject({ id: idSchema, prompt: md, case: ref.optional(), concepts: refs.optional() })).min(1),
  sources: z.array(sourceSchema).optional(),
});

/**
 * The glossary: short plain-word definitions of the terms the lesson uses without explaining them (slice, holdout,
 * champion/challenger…). The kit lists and searches them at /kit/glossary and links the first use of a term on a
 * page to its entry. `aka` are other spellings matched in the text (plurals are matched without listing them).
 */
export const glossarySchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1),
  intro: md.optional(),
  terms: z
    .array(
      z.strictObject({
        id: idSchema,
        term: z.string().min(1),
        aka: z.array(z.string().min(2)).optional(),
        definition: md,
        /** false: not linked from the text (words so common that every page would link them). */
        autoLink: z.boolean().optional(),
        /** The concept page that goes deeper, if any. */
        concept: ref.optional(),
        sources: z.array(sourceSchema).optional(),
      }),
    )
    .min(1)
    .superRefine((terms, ctx) => {
      const seen = new Set<string>();
      terms.forEach((t, i) => {
        if (seen.has(t.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${t.id}" is used twice in this glossary` });
        seen.add(t.id);
      });
    }),
});

export const roleSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1),
  summary: md,
  responsibilities: mdList.min(1),
  /** Profile ids (from the lesson's `profiles`) this role suits. */
  goodFitFor: refs.optional(),
});

/**
 * Each folder of `content/` holds one kind of file. `lesson.yaml` sits at the top.
 * Diagrams are a YAML file plus the SVG it names; `images/` holds assets and is not parsed.
 */
export const CONTENT_FOLDERS = {
  phases: phaseSchema,
  concepts: conceptSchema,
  tools: toolSchema,
  cases: caseSchema,
  decks: deckSchema,
  diagrams: diagramSchema,
  polls: pollBankSchema,
  templates: templateSchema,
  rubrics: rubricSchema,
  worksheets: worksheetSchema,
  resources: resourceSchema,
  mltestscore: mlTestScoreSchema,
  ethics: ethicsSchema,
  roles: roleSchema,
  libraries: boardLibrarySchema,
  glossary: glossarySchema,
  /** MLOps lab scenarios (issue 16): the schema lives with the lab engine, shared/lab/scenarioSchema.ts. */
  lab: scenarioSchema,
  /** The lab's guided self-study missions (issue 16 §9): shared/lab/missionSchema.ts. */
  missions: missionSetSchema,
} as const;
export type ContentFolder = keyof typeof CONTENT_FOLDERS;
export const ASSET_FOLDERS = ['images'] as const;

export type Lesson = z.infer<typeof lessonSchema>;
export type ExitTicketContent = z.infer<typeof exitTicketSchema>;
export type Objective = z.infer<typeof objectiveSchema>;
export type Phase = z.infer<typeof phaseSchema>;
export type RunOfShowStep = z.infer<typeof runOfShowStepSchema>;
export type Concept = z.infer<typeof conceptSchema>;
export type Tool = z.infer<typeof toolSchema>;
export type CaseStudy = z.infer<typeof caseSchema>;
export type Deck = z.infer<typeof deckSchema>;
export type Slide = z.infer<typeof slideSchema>;
export type Diagram = z.infer<typeof diagramSchema>;
export type Poll = z.infer<typeof pollSchema>;
export type PollBank = z.infer<typeof pollBankSchema>;
export type StrategyTemplate = z.infer<typeof templateSchema>;
export type Rubric = z.infer<typeof rubricSchema>;
export type Worksheet = z.infer<typeof worksheetSchema>;
export type Resource = z.infer<typeof resourceSchema>;
export type MlTestScore = z.infer<typeof mlTestScoreSchema>;
export type Ethics = z.infer<typeof ethicsSchema>;
export type Role = z.infer<typeof roleSchema>;
export type BoardLibrary = z.infer<typeof boardLibrarySchema>;
export type BoardPiece = BoardLibrary['pieces'][number];
export type BoardShape = BoardPiece['shapes'][number];
export type Source = z.infer<typeof sourceSchema>;
export type Glossary = z.infer<typeof glossarySchema>;
export type GlossaryTerm = Glossary['terms'][number];

/** Every item of the pack, validated and cross-checked. Arrays keep a stable order (by file name). */
export interface ContentPack {
  lesson: Lesson;
  phases: Phase[];
  concepts: Concept[];
  tools: Tool[];
  cases: CaseStudy[];
  decks: Deck[];
  diagrams: Diagram[];
  polls: PollBank[];
  templates: StrategyTemplate[];
  rubrics: Rubric[];
  worksheets: Worksheet[];
  resources: Resource[];
  mltestscore: MlTestScore[];
  ethics: Ethics[];
  roles: Role[];
  /** Diagram pieces for the teams' whiteboards. */
  libraries: BoardLibrary[];
  /** Plain-word definitions of the lesson's terms (content/glossary/). */
  glossary: Glossary[];
  /** MLOps lab scenarios. */
  lab: Scenario[];
  /** The lab's guided missions (content/missions/). */
  missions: MissionSet[];
}
