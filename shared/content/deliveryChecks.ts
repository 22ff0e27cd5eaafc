/**
 * Pack-wide rules and counts for delivering the lesson (see deliverySchemas.ts).
 *
 * Owns: the large-room timing rule (a variant's steps tile its phase, its cuts name what they save), the
 * cross-references of the delivery fields, the completeness rules `npm run content:check` applies to the
 * workshop's own pack (every phase has a large-room variant, every case an at-a-glance block and a guide, the
 * lesson has its scale note, pre-work and exit ticket) and the summary counts they add.
 */
import type { ContentIssue } from './pack';
import type { ContentPack } from './schema';
import { lookForTags } from './deliverySchemas';

type Check = (file: string, field: string, value: string | undefined, set: ReadonlySet<string>, what: string) => void;

/** Reference and timing rules; `check` reports a dangling reference like the rest of the pack checks. */
export function checkDeliveryFields(pack: ContentPack, check: Check, issues: ContentIssue[]): void {
  const ids = (items: { id: string }[]) => new Set(items.map((i) => i.id));
  const cases = ids(pack.cases);
  const phases = ids(pack.phases);
  const templates = ids(pack.templates);
  const profiles = ids(pack.lesson.profiles ?? []);
  const readable = new Set([...cases, ...ids(pack.resources), ...templates]);
  for (const phase of pack.phases) {
    const F = `phases/${phase.id}.yaml`;
    const tags = lookForTags(phase.lookFors);
    if (new Set(tags).size !== tags.length) issues.push({ file: F, field: 'lookFors', message: 'two look-fors share a tag: make each tag unique in the phase' });
    const variant = phase.largeRoom;
    if (!variant) continue;
    let expected = 0;
    variant.steps.forEach((step, i) => {
      if (step.minute !== expected) {
        issues.push({ file: F, field: `largeRoom.steps[${i}].minute`, message: `is ${step.minute} but the previous steps end at minute ${expected}` });
      }
      expected = step.minute + step.minutes;
    });
    if (expected !== phase.minutes) {
      issues.push({
        file: F,
        field: 'largeRoom.steps',
        message: `end at minute ${expected} but the phase lasts ${phase.minutes} minutes: cut or lengthen a step so the large room keeps to time`,
      });
    }
  }
  for (const c of pack.cases) {
    c.roleReading?.forEach((r, i) => r.profiles.forEach((p, j) => check(`cases/${c.id}.yaml`, `roleReading[${i}].profiles[${j}]`, p, profiles, 'profile in lesson.yaml')));
  }
  for (const t of pack.templates) {
    const F = `templates/${t.id}.yaml`;
    check(F, 'fullVersion', t.fullVersion, templates, 'template');
    t.sections.forEach((s, i) => s.examples?.forEach((e, j) => check(F, `sections[${i}].examples[${j}].case`, e.case, cases, 'case study')));
  }
  for (const r of pack.rubrics) {
    const F = `rubrics/${r.id}.yaml`;
    const scores = new Set(r.levels.map((l) => String(l.score)));
    r.criteria.forEach((c, i) =>
      c.examples?.forEach((e, j) => {
        check(F, `criteria[${i}].examples[${j}].case`, e.case, cases, 'case study');
        check(F, `criteria[${i}].examples[${j}].level`, e.level === undefined ? undefined : String(e.level), scores, 'level score of this rubric');
      }),
    );
  }
  const L = 'lesson.yaml';
  pack.lesson.preWork?.items.forEach((item, i) => {
    check(L, `preWork.items[${i}].item`, item.item, readable, 'case, resource or template');
    item.profiles?.forEach((p, j) => check(L, `preWork.items[${i}].profiles[${j}]`, p, profiles, 'profile in lesson.yaml'));
  });
  pack.lesson.virtual?.remoteTimings.forEach((t, i) => check(L, `virtual.remoteTimings[${i}].phase`, t.phase, phases, 'phase'));
}

/** Minutes of break in the large-room plan, over all phases. */
export function largeRoomBreakMinutes(pack: Pick<ContentPack, 'phases'>): number {
  return pack.phases.reduce((n, p) => n + (p.largeRoom?.steps.filter((s) => s.break).reduce((m, s) => m + s.minutes, 0) ?? 0), 0);
}

/** The exit ticket's questions: what to change, what is still open, confidence before and after (one question). */
export function exitTicketQuestions(pack: Pick<ContentPack, 'lesson'>): number {
  const t = pack.lesson.exitTicket;
  return t ? 3 : 0;
}

/** Counts added to the `npm run content:check` summary. Names are contracts. */
export function deliveryCounts(pack: ContentPack): Record<string, number> {
  return {
    largeRoomVariants: pack.phases.filter((p) => p.largeRoom).length,
    largeRoomBreakMinutes: largeRoomBreakMinutes(pack),
    casesAtAGlance: pack.cases.filter((c) => c.atAGlance).length,
    caseGuides: pack.cases.filter((c) => c.facilitatorGuide).length,
    exitTicket: exitTicketQuestions(pack),
    lookFors: pack.phases.reduce((n, p) => n + (p.lookFors?.length ?? 0), 0),
    preWorkItems: pack.lesson.preWork?.items.length ?? 0,
  };
}

/** The large-room plan has one break of this length. */
export const LARGE_ROOM_BREAK_MINUTES = 10;

/**
 * What the workshop's own pack must hold to be deliverable to 40–60 people (applied by `npm run content:check`,
 * not to every pack: a small pack for a short session may leave these out).
 */
export function deliveryGaps(pack: ContentPack): ContentIssue[] {
  const gaps: ContentIssue[] = [];
  for (const p of pack.phases) {
    if (!p.largeRoom) gaps.push({ file: `phases/${p.id}.yaml`, field: 'largeRoom', message: 'missing: every phase needs its large-room variant (steps for 40–60 people and what to cut)' });
    if (!p.lookFors?.some((l) => typeof l !== 'string')) {
      gaps.push({ file: `phases/${p.id}.yaml`, field: 'lookFors', message: 'needs a formative checklist: at least one look-for with its evidence and what to do if it is missing' });
    }
  }
  for (const c of pack.cases) {
    if (!c.atAGlance) gaps.push({ file: `cases/${c.id}.yaml`, field: 'atAGlance', message: 'missing: every case needs a ~150-word at-a-glance block for the session' });
    if (!c.facilitatorGuide) gaps.push({ file: `cases/${c.id}.yaml`, field: 'facilitatorGuide', message: 'missing: every case needs an answer guide and a stress-test scenario' });
  }
  const breaks = largeRoomBreakMinutes(pack);
  if (breaks !== LARGE_ROOM_BREAK_MINUTES) {
    gaps.push({ file: 'phases/', field: 'largeRoom.steps', message: `the large-room plan has ${breaks} minutes of break: it needs one ${LARGE_ROOM_BREAK_MINUTES}-minute break, paid for by named cuts` });
  }
  const L = 'lesson.yaml';
  if (!pack.lesson.scale) gaps.push({ file: L, field: 'scale', message: 'missing: the staffing note for large rooms' });
  if (!pack.lesson.preWork) gaps.push({ file: L, field: 'preWork', message: 'missing: the pre-work sent before the day' });
  if (!pack.lesson.exitTicket) gaps.push({ file: L, field: 'exitTicket', message: 'missing: the individual exit ticket' });
  if (!pack.lesson.virtual) gaps.push({ file: L, field: 'virtual', message: 'missing: remote timings, what to pre-record and the hackathon brief' });
  return gaps;
}
