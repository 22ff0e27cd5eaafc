/**
 * Assembles a content pack from parsed files and checks it as a whole.
 *
 * Owns: per-file validation (schema errors named by file and field), pack-wide rules (unique ids, every
 * cross-reference resolves, phase minutes add up to the lesson's duration, run-of-show steps tile their
 * phase) and the summary counts printed by `npm run content:check`.
 * Pure: the caller reads the files (the host, the build, the CLI) and hands over `{ path, data }` pairs.
 */
import type { z } from 'zod';
import { checkDeliveryFields, deliveryCounts } from './deliveryChecks';
import { CONTENT_FOLDERS, lessonSchema, type ContentFolder, type ContentPack } from './schema';
import { missionRefs } from '../lab/missionSchema';

export interface ContentFile {
  /** Path relative to the pack root, with forward slashes, e.g. `phases/engage.yaml`. */
  path: string;
  data: unknown;
}

export interface ContentIssue {
  file: string;
  /** Dotted path to the field, e.g. `runOfShow[2].minutes`; empty for the whole file. */
  field: string;
  message: string;
}

export type PackResult =
  | { ok: true; pack: ContentPack; summary: PackSummary }
  | { ok: false; issues: ContentIssue[] };

export type PackSummary = Record<string, number>;

export function formatIssue(issue: ContentIssue, root = 'content'): string {
  return `${root}/${issue.file}${issue.field ? `: ${issue.field}` : ''}: ${issue.message}`;
}

export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function parseWith<S extends z.ZodType>(schema: S, file: ContentFile, issues: ContentIssue[]): z.infer<S> | undefined {
  const result = schema.safeParse(file.data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    issues.push({ file: file.path, field: fieldPath(issue.path), message: issue.message });
  }
  return undefined;
}

function stem(path: string): string {
  const name = path.split('/').pop() ?? path;
  return name.replace(/\.(ya?ml)$/, '');
}

/**
 * @param files every YAML file of the pack, parsed
 * @param assets paths (relative to the pack root) of every non-YAML file, such as SVG diagrams and images
 */
export function assemblePack(files: ContentFile[], assets: ReadonlySet<string>): PackResult {
  const issues: ContentIssue[] = [];
  const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));
  const lessonFile = sorted.find((f) => f.path === 'lesson.yaml');
  if (!lessonFile) {
    return { ok: false, issues: [{ file: 'lesson.yaml', field: '', message: 'missing: the pack needs a lesson.yaml at its root' }] };
  }
  const lesson = parseWith(lessonSchema, lessonFile, issues);

  const collections: Record<ContentFolder, unknown[]> = {
    phases: [], concepts: [], tools: [], cases: [], decks: [], diagrams: [], polls: [],
    templates: [], rubrics: [], worksheets: [], resources: [], mltestscore: [], ethics: [], roles: [], libraries: [], glossary: [], lab: [], missions: [],
  };
  /** id -> file that defines it, for pack-wide uniqueness and "any item" references. */
  const itemFiles = new Map<string, string>();
  const itemKinds = new Map<string, ContentFolder | 'poll'>();
  const folders = Object.keys(CONTENT_FOLDERS) as ContentFolder[];

  for (const file of sorted) {
    if (file === lessonFile) continue;
    const parts = file.path.split('/');
    const folder = parts[0] as ContentFolder;
    if (parts.length !== 2 || !folders.includes(folder)) {
      issues.push({
        file: file.path,
        field: '',
        message: `not a place for content: put YAML files in one of ${folders.map((f) => `${f}/`).join(', ')} (or lesson.yaml at the top)`,
      });
      continue;
    }
    const item = parseWith(CONTENT_FOLDERS[folder], file, issues) as { id: string } | undefined;
    if (!item) continue;
    if (item.id !== stem(file.path)) {
      issues.push({ file: file.path, field: 'id', message: `is "${item.id}" but the file is named "${stem(file.path)}": make them the same` });
    }
    const previous = itemFiles.get(item.id);
    if (previous) {
      issues.push({ file: file.path, field: 'id', message: `"${item.id}" is already used by ${previous}: ids are unique across the pack` });
      continue;
    }
    itemFiles.set(item.id, file.path);
    itemKinds.set(item.id, folder);
    collections[folder].push(item);
  }

  const pack = { lesson, ...collections } as ContentPack;
  if (lesson) checkReferences(pack, itemFiles, itemKinds, assets, issues);
  if (issues.length > 0 || !lesson) return { ok: false, issues };
  return { ok: true, pack, summary: summarize(pack) };
}

function checkReferences(
  pack: ContentPack,
  itemFiles: Map<string, string>,
  itemKinds: Map<string, ContentFolder | 'poll'>,
  assets: ReadonlySet<string>,
  issues: ContentIssue[],
): void {
  const ids = (items: { id: string }[]) => new Set(items.map((i) => i.id));
  const concepts = ids(pack.concepts);
  const phases = ids(pack.phases);
  const cases = ids(pack.cases);
  const tools = ids(pack.tools);
  const resources = ids(pack.resources);
  const diagrams = ids(pack.diagrams);
  const objectives = ids(pack.lesson.objectives);
  const profiles = ids(pack.lesson.profiles ?? []);
  const polls = new Map<string, string>();
  for (const bank of pack.polls) {
    bank.polls.forEach((poll, i) => {
      const file = `polls/${bank.id}.yaml`;
      const clash = polls.get(poll.id) ?? itemFiles.get(poll.id);
      if (clash) issues.push({ file, field: `polls[${i}].id`, message: `"${poll.id}" is already used by ${clash}: ids are unique across the pack` });
      polls.set(poll.id, file);
      itemKinds.set(poll.id, 'poll');
    });
  }
  const anyItem = new Set([...itemKinds.keys()]);

  const check = (file: string, field: string, value: string | undefined, set: ReadonlySet<string>, what: string) => {
    if (value !== undefined && !set.has(value)) {
      issues.push({ file, field, message: `"${value}" is not the id of any ${what} in the pack` });
    }
  };
  const checkAll = (file: string, field: string, values: string[] | undefined, set: ReadonlySet<string>, what: string) => {
    values?.forEach((v, i) => check(file, `${field}[${i}]`, v, set, what));
  };
  const pollIds = new Set(polls.keys());
  for (const s of pack.lab) check(`lab/${s.id}.yaml`, 'case', s.case, cases, 'case study');
  const terms = new Set(pack.glossary.flatMap((g) => g.terms.map((t) => t.id)));
  const missionTargets = { phase: [phases, 'phase'], concept: [concepts, 'concept'], term: [terms, 'glossary term'] } as const;
  for (const m of pack.missions) for (const r of missionRefs(m)) check(`missions/${m.id}.yaml`, r.field, r.value, missionTargets[r.kind][0], missionTargets[r.kind][1]);

  // The lesson
  const L = 'lesson.yaml';
  checkAll(L, 'keyConcepts', pack.lesson.keyConcepts, concepts, 'concept');
  checkAll(L, 'phases', pack.lesson.phases, phases, 'phase');
  checkAll(L, 'additionalResources', pack.lesson.additionalResources, resources, 'resource');
  check(L, 'exitTicket.feedbackPoll', pack.lesson.exitTicket?.feedbackPoll, pollIds, 'poll');
  pack.lesson.assessment.forEach((a, i) => checkAll(L, `assessment[${i}].objectives`, a.objectives, objectives, 'objective'));
  pack.lesson.realWorldApplications.forEach((a, i) => check(L, `realWorldApplications[${i}].case`, a.case, cases, 'case study'));
  for (const phase of pack.phases) {
    if (!pack.lesson.phases.includes(phase.id)) {
      issues.push({ file: L, field: 'phases', message: `does not list phase "${phase.id}" (phases/${phase.id}.yaml): add it in running order` });
    }
  }
  const listed = pack.lesson.phases.filter((p) => phases.has(p));
  if (new Set(listed).size !== listed.length) issues.push({ file: L, field: 'phases', message: 'lists a phase twice' });
  const total = pack.phases.reduce((sum, p) => sum + p.minutes, 0);
  if (pack.phases.length > 0 && total !== pack.lesson.durationMinutes) {
    issues.push({
      file: L,
      field: 'durationMinutes',
      message: `is ${pack.lesson.durationMinutes} but the phases add up to ${total} minutes (${pack.phases.map((p) => `${p.id} ${p.minutes}`).join(', ')})`,
    });
  }
  const objectiveIds = pack.lesson.objectives.map((o) => o.id);
  if (new Set(objectiveIds).size !== objectiveIds.length) issues.push({ file: L, field: 'objectives', message: 'two objectives share an id' });

  for (const phase of pack.phases) {
    const F = `phases/${phase.id}.yaml`;
    checkAll(F, 'resources', phase.resources, anyItem, 'item');
    checkAll(F, 'objectives', phase.objectives, objectives, 'objective');
    if (phase.runOfShow && phase.runOfShow.length > 0) {
      let expected = 0;
      phase.runOfShow.forEach((step, i) => {
        if (step.minute !== expected) {
          issues.push({ file: F, field: `runOfShow[${i}].minute`, message: `is ${step.minute} but the previous steps end at minute ${expected}` });
        }
        expected = step.minute + step.minutes;
        check(F, `runOfShow[${i}].screen`, step.screen, anyItem, 'item');
      });
      if (expected !== phase.minutes) {
        issues.push({ file: F, field: 'runOfShow', message: `steps end at minute ${expected} but the phase lasts ${phase.minutes} minutes` });
      }
    }
  }
  for (const c of pack.concepts) {
    const F = `concepts/${c.id}.yaml`;
    check(F, 'example.case', c.example.case, cases, 'case study');
    checkAll(F, 'tools', c.tools, tools, 'tool');
    checkAll(F, 'related', c.related, concepts, 'concept');
  }
  for (const t of pack.tools) checkAll(`tools/${t.id}.yaml`, 'concepts', t.concepts, concepts, 'concept');
  for (const c of pack.cases) {
    const F = `cases/${c.id}.yaml`;
    checkAll(F, 'concepts', c.concepts, concepts, 'concept');
    if (c.image && !assets.has(c.image)) issues.push({ file: F, field: 'image', message: `"${c.image}" is not a file in content/` });
  }
  for (const deck of pack.decks) {
    const F = `decks/${deck.id}.yaml`;
    check(F, 'phase', deck.phase, phases, 'phase');
    const slideIds = new Set<string>();
    deck.slides.forEach((s, i) => {
      if (slideIds.has(s.id)) issues.push({ file: F, field: `slides[${i}].id`, message: `"${s.id}" is used by an earlier slide of this deck` });
      slideIds.add(s.id);
      check(F, `slides[${i}].diagram`, s.diagram, diagrams, 'diagram');
      check(F, `slides[${i}].poll`, s.poll, pollIds, 'poll');
      checkAll(F, `slides[${i}].concepts`, s.concepts, concepts, 'concept');
      if (s.image && !assets.has(s.image)) issues.push({ file: F, field: `slides[${i}].image`, message: `"${s.image}" is not a file in content/` });
    });
  }
  for (const d of pack.diagrams) {
    const F = `diagrams/${d.id}.yaml`;
    if (!assets.has(`diagrams/${d.file}`)) issues.push({ file: F, field: 'file', message: `"${d.file}" is not a file in content/diagrams/` });
    checkAll(F, 'concepts', d.concepts, concepts, 'concept');
  }
  for (const bank of pack.polls) {
    const F = `polls/${bank.id}.yaml`;
    check(F, 'phase', bank.phase, phases, 'phase');
    bank.polls.forEach((p, i) => checkAll(F, `polls[${i}].concepts`, p.concepts, concepts, 'concept'));
  }
  for (const t of pack.templates) {
    const F = `templates/${t.id}.yaml`;
    t.sections.forEach((s, i) =>
      s.hints.forEach((h, j) => {
        check(F, `sections[${i}].hints[${j}].concept`, h.concept, concepts, 'concept');
        check(F, `sections[${i}].hints[${j}].case`, h.case, cases, 'case study');
      }),
    );
  }
  for (const r of pack.rubrics) r.criteria.forEach((c, i) => checkAll(`rubrics/${r.id}.yaml`, `criteria[${i}].objectives`, c.objectives, objectives, 'objective'));
  for (const r of pack.resources) checkAll(`resources/${r.id}.yaml`, 'concepts', r.concepts, concepts, 'concept');
  for (const m of pack.mltestscore) {
    m.categories.forEach((cat, i) => cat.tests.forEach((t, j) => checkAll(`mltestscore/${m.id}.yaml`, `categories[${i}].tests[${j}].concepts`, t.concepts, concepts, 'concept')));
  }
  for (const e of pack.ethics) {
    const F = `ethics/${e.id}.yaml`;
    e.prompts.forEach((p, i) => {
      check(F, `prompts[${i}].case`, p.case, cases, 'case study');
      checkAll(F, `prompts[${i}].concepts`, p.concepts, concepts, 'concept');
    });
  }
  for (const r of pack.roles) checkAll(`roles/${r.id}.yaml`, 'goodFitFor', r.goodFitFor, profiles, 'profile in lesson.yaml');
  for (const g of pack.glossary) g.terms.forEach((t, i) => check(`glossary/${g.id}.yaml`, `terms[${i}].concept`, t.concept, concepts, 'concept'));
  for (const l of pack.libraries) l.pieces.forEach((p, i) => checkAll(`libraries/${l.id}.yaml`, `pieces[${i}].concepts`, p.concepts, concepts, 'concept'));
  checkDeliveryFields(pack, check, issues);
}

export function summarize(pack: ContentPack): PackSummary {
  const count = <T>(items: T[], f: (t: T) => number) => items.reduce((n, t) => n + f(t), 0);
  return {
    phases: pack.phases.length,
    minutes: pack.phases.reduce((sum, p) => sum + p.minutes, 0),
    objectives: pack.lesson.objectives.length,
    concepts: pack.concepts.length,
    runOfShowSteps: count(pack.phases, (p) => p.runOfShow?.length ?? 0),
    caseStudies: pack.cases.length,
    tools: pack.tools.length,
    decks: pack.decks.length,
    slides: count(pack.decks, (d) => d.slides.length),
    diagrams: pack.diagrams.length,
    polls: count(pack.polls, (b) => b.polls.length),
    templateSections: count(pack.templates, (t) => t.sections.length),
    rubricCriteria: count(pack.rubrics, (r) => r.criteria.length),
    worksheetDimensions: count(pack.worksheets, (w) => w.dimensions.length),
    resources: pack.resources.length,
    mlTestScoreTests: count(pack.mltestscore, (m) => count(m.categories, (c) => c.tests.length)),
    ethicsPrompts: count(pack.ethics, (e) => e.prompts.length),
    roles: pack.roles.length,
    boardPieces: count(pack.libraries, (l) => l.pieces.length),
    glossaryTerms: count(pack.glossary, (g) => g.terms.length),
    labMissions: count(pack.missions, (m) => m.missions.length),
    ...deliveryCounts(pack),
  };
}

/** The phases in the lesson's running order (lesson.yaml `phases`), whatever order their files were read in. */
export function phasesInOrder<P extends { id: string }>(order: readonly string[], phases: readonly P[]): P[] {
  return order.map((id) => phases.find((p) => p.id === id)).filter((p): p is P => p !== undefined);
}
