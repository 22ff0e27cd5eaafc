/**
 * The documents of a room and who may read and write them — the host's single authorisation hook.
 *
 * Authority is drawn between documents, never inside one (a Yjs update cannot be authorised piece by piece):
 *   session                   read: everyone   write: facilitator   (phase, clock, what is pushed, polls, groups)
 *   roster                    read: everyone   write: host only     (participants and presence)
 *   groups                    read: everyone   write: host only     (teams and members: facilitator and learner commands)
 *   backgrounds               read: facilitator write: host only    (each learner's background, for forming groups)
 *   room/<name>               read: everyone   write: everyone      (room-wide shared work, e.g. the brainstorm)
 *   team/<teamId>/<name>      read+write: that team and the facilitator (+ read for everyone once shared)
 *   learner/<learnerId>/<name> read+write: that learner only
 *   qa                        read: everyone   write: host only     (questions and upvotes arrive as commands)
 *   poll/<pollId>/tally       read: facilitator, everyone once revealed   write: host only (votes are commands)
 *   poll/<pollId>/votes       read: nobody but the host (who answered what)
 *   poll/<pollId>/key         read+write: facilitator only (a quiz's correct answers until the tally reveals them)
 */
export const DOC_NAME_PATTERN = /^(session|roster|groups|backgrounds|qa|poll\/[a-z0-9-]{1,80}\/(tally|votes|key)|room\/[a-z0-9-]{1,40}|team\/[a-z0-9-]{1,40}\/[a-z0-9-]{1,40}|learner\/[A-Za-z0-9_-]{1,40}\/[a-z0-9-]{1,40})$/;

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
}

export type Decision = { ok: true } | { ok: false; reason: 'forbidden' | 'unknown-doc'; message: string };

const allow: Decision = { ok: true };
const deny = (message: string): Decision => ({ ok: false, reason: 'forbidden', message });

export function authorize(actor: Actor, doc: string, access: Access, context: DocContext = {}): Decision {
  if (!DOC_NAME_PATTERN.test(doc)) return { ok: false, reason: 'unknown-doc', message: `no document "${doc}"` };
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
    case 'room':
      return allow;
    case 'team':
      if (actor.role === 'facilitator' || actor.teamId === owner) return allow;
      if (access === 'read' && owner && context.sharedTeams?.has(owner)) return allow;
      return deny(`only team ${owner} and the facilitator can ${access} this document`);
    case 'learner':
      return actor.role === 'learner' && actor.learnerId === owner ? allow : deny('a private document is readable and writable by its learner only');
    default:
      return { ok: false, reason: 'unknown-doc', message: `no document "${doc}"` };
  }
}
