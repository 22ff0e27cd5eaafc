/**
 * The documents of a room and who may read and write them — the host's single authorisation hook.
 *
 * Authority is drawn between documents, never inside one (a Yjs update cannot be authorised piece by piece):
 *   session                   read: everyone   write: facilitator   (phase, clock, what is pushed, polls, groups)
 *   roster                    read: everyone   write: host only     (participants and presence)
 *   groups                    read: everyone   write: host only     (teams and members: facilitator and learner commands)
 *   backgrounds               read: facilitator write: host only    (each learner's background, for forming groups)
 *   room/<name>               read: everyone   write: everyone      (room-wide shared work, e.g. the brainstorm)
 *   layer/<name>              read: everyone   write: facilitator   (the facilitator's drawings over room/<name>)
 *   team/<teamId>/<name>      read+write: that team and the facilitator (+ read for everyone once shared)
 *   learner/<learnerId>/<name> read+write: that learner only
 *   qa                        read: everyone   write: host only     (questions and upvotes arrive as commands)
 *   poll/<pollId>/tally       read: facilitator, everyone once revealed   write: host only (votes are commands)
 *   poll/<pollId>/votes       read: nobody but the host (who answered what)
 *   poll/<pollId>/key         read+write: facilitator only (a quiz's correct answers until the tally reveals them)
 *   exit-tickets              read: facilitator write: host only    (the exit tickets' aggregate, no learner ids)
 *   facilitator/<name>        read+write: facilitator only          (observation notes, the facilitator's reflection)
 *   evaluate                  read: everyone   write: host only     (presentation queue, slot, closed/revealed teams, circles and round)
 *   evaluate/<teamId>/tally   read: facilitator, everyone once revealed   write: host only (scores are commands)
 *   team/<teamId>/feedback    read: facilitator, that team once revealed  write: host only (strengths, questions)
 *
 * A room has a FIXED list of documents (ROOM_DOCUMENTS): the names the app uses, nothing else. One device must not
 * be able to create documents at will (39,000 in 4.5 s when any `room/<name>` was accepted, never freed). The
 * owners in the names are bounded too: a learner reaches only their own `learner/<id>` and `team/<their team>`, and
 * poll documents only for polls of the session (the host checks a vote's poll before creating anything).
 * To add a kind of document: add its names to ROOM_DOCUMENTS (and a rule in `authorize` if it is a new kind).
 * DOC_NAME_PATTERN is only the shape a name must have to be read off the wire; `isRoomDocument` is the list.
 */
export const DOC_NAME_PATTERN = /^(session|roster|groups|backgrounds|qa|exit-tickets|evaluate|evaluate\/[a-z0-9-]{1,40}\/tally|facilitator\/[a-z0-9-]{1,40}|poll\/[a-z0-9-]{1,80}\/(tally|votes|key)|room\/[a-z0-9-]{1,40}|layer\/[a-z0-9-]{1,40}|team\/[a-z0-9-]{1,40}\/[a-z0-9-]{1,40}|learner\/[A-Za-z0-9_-]{1,40}\/[a-z0-9-]{1,40})$/;

/** Every document of a room, by kind: `<kind>/<owner>/<name>` for team, learner and poll; `room/<name>`. */
export const ROOM_DOCUMENTS = {
  /** Whole documents, no owner. */
  top: ['session', 'roster', 'groups', 'backgrounds', 'qa', 'exit-tickets', 'evaluate'],
  /** room/<name>: the room's shared notes and its brainstorm board. */
  room: ['notes', 'brainstorm'],
  /** layer/<name>: the facilitator's drawings over the room board of the same name. */
  layer: ['brainstorm'],
  /** team/<teamId>/<name>: what the team writes together (lab: the team's stamped lab actions, shared/lab/roomTimeline.ts). */
  team: ['notes', 'board', 'strategy', 'roles', 'mltestscore', 'feedback', 'lab'],
  /** learner/<learnerId>/<name>: private to its learner. */
  learner: ['journal'],
  /** facilitator/<name>: the facilitator's own notes (reflection.ts on the console). */
  facilitator: ['observations', 'reflection'],
  /** poll/<pollId>/<name>: host-written results and answers. */
  poll: ['tally', 'votes', 'key'],
  /** evaluate/<teamId>/<name>: a team's published rubric scores. */
  evaluate: ['tally'],
} as const satisfies Record<string, readonly string[]>;

/**
 * Whether `name` is one of the room's documents. `extra` admits more names (the host's `--extra-docs` patterns, for
 * tests and benchmarks that need documents of their own; never used in a classroom).
 */
export function isRoomDocument(name: string, extra?: (name: string) => boolean): boolean {
  if (!DOC_NAME_PATTERN.test(name)) return false;
  const parts = name.split('/');
  const [kind] = parts;
  const last = parts[parts.length - 1]!;
  const known =
    parts.length === 1
      ? (ROOM_DOCUMENTS.top as readonly string[]).includes(name)
      : kind === 'room' || kind === 'layer' || kind === 'team' || kind === 'learner' || kind === 'poll' || kind === 'facilitator' || kind === 'evaluate'
        ? (ROOM_DOCUMENTS[kind] as readonly string[]).includes(last)
        : false;
  return known || (extra?.(name) ?? false);
}

/**
 * Compiles `--extra-docs` patterns (`room/pointers`, `room/*`, `team/*\/set`): `*` stands for one name segment.
 * Returns null for a pattern that no document name could match.
 */
export function extraDocNames(patterns: readonly string[]): ((name: string) => boolean) | null {
  const regexes: RegExp[] = [];
  for (const pattern of patterns) {
    if (!/^[a-z0-9*-]+(\/[A-Za-z0-9_*-]+){0,2}$/.test(pattern)) return null;
    regexes.push(new RegExp(`^${pattern.split('*').join('[A-Za-z0-9_-]{1,40}')}$`));
  }
  return (name) => regexes.some((r) => r.test(name));
}

export type Role = 'facilitator' | 'learner' | 'host';
export type Access = 'read' | 'write';

export interface Actor {
  role: Role;
  learnerId: string;
  /** The learner's team, when groups are formed. */
  teamId?: string | null;
}

export interface DocContext {
  /** Team ids whose documents the facilitator has shared with the whole room. */
  sharedTeams?: ReadonlySet<string>;
  /** Polls whose results the facilitator has revealed. */
  revealedPolls?: ReadonlySet<string>;
  /** Teams whose rubric scores the facilitator has revealed. */
  revealedScores?: ReadonlySet<string>;
  /** Document names admitted beyond ROOM_DOCUMENTS (see isRoomDocument). */
  extraDocs?: (name: string) => boolean;
}

export type Decision = { ok: true } | { ok: false; reason: 'forbidden' | 'unknown-doc'; message: string };

const allow: Decision = { ok: true };
const deny = (message: string): Decision => ({ ok: false, reason: 'forbidden', message });

export function authorize(actor: Actor, doc: string, access: Access, context: DocContext = {}): Decision {
  if (!isRoomDocument(doc, context.extraDocs)) return { ok: false, reason: 'unknown-doc', message: `this room has no document "${doc}" (is the app up to date? reload the page)` };
  if (actor.role === 'host') return allow;
  const [kind, owner] = doc.split('/');
  switch (kind) {
    case 'session':
      return access === 'read' || actor.role === 'facilitator' ? allow : deny('only the facilitator can change the session (phase, clock, screens, polls)');
    case 'roster':
    case 'groups':
      return access === 'read' ? allow : deny(`the ${kind} are kept by the host: change them with commands`);
    case 'backgrounds':
      return access === 'read' && actor.role === 'facilitator' ? allow : deny('backgrounds are for the facilitator only');
    case 'qa':
      return access === 'read' ? allow : deny('questions and votes are sent as commands; the host keeps the Q&A');
    case 'poll': {
      const part = doc.split('/')[2];
      if (part === 'key') return actor.role === 'facilitator' ? allow : deny('the answers are shown when the facilitator reveals the results');
      if (access === 'write') return deny('votes are sent as commands; the host keeps the tally');
      if (part === 'votes') return deny('individual answers are private');
      if (actor.role === 'facilitator' || (owner && context.revealedPolls?.has(owner))) return allow;
      return deny('results are hidden until the facilitator reveals them');
    }
    case 'exit-tickets':
      return access === 'read' && actor.role === 'facilitator' ? allow : deny('exit tickets are sent as commands; only the facilitator reads their summary');
    case 'facilitator':
      return actor.role === 'facilitator' ? allow : deny("the facilitator's notes are for the facilitator only");
    case 'evaluate':
      if (access === 'write') return deny('the queue and the scores are kept by the host: change them with commands');
      if (doc === 'evaluate' || actor.role === 'facilitator' || (owner && context.revealedScores?.has(owner))) return allow;
      return deny("a team's scores are hidden until the facilitator reveals them");
    case 'room':
      return allow;
    case 'layer':
      return access === 'read' || actor.role === 'facilitator' ? allow : deny("only the facilitator draws on the facilitator's layer of a room board");
    case 'team':
      if (doc.endsWith('/feedback')) {
        if (access === 'write') return deny('strengths and questions are sent with a score; the host writes them here');
        if (actor.role === 'facilitator' || (actor.teamId === owner && owner && context.revealedScores?.has(owner))) return allow;
        return deny(`strengths and questions for team ${owner} are for that team (once the facilitator reveals them) and the facilitator only`);
      }
      if (actor.role === 'facilitator' || actor.teamId === owner) return allow;
      if (access === 'read' && owner && context.sharedTeams?.has(owner)) return allow;
      return deny(`only team ${owner} and the facilitator can ${access} this document`);
    case 'learner':
      return actor.role === 'learner' && actor.learnerId === owner ? allow : deny('a private document is readable and writable by its learner only');
    default:
      return { ok: false, reason: 'unknown-doc', message: `no document "${doc}"` };
  }
}
