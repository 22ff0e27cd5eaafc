/**
 * What authorisation needs from the session document — revealed polls, shared teams, each learner's team — read once
 * per change of the session (the room calls `changed()`), never per frame: rebuilding it from toJSON() on every
 * frame was the host's largest cost per learner.
 */
import type * as Y from 'yjs';
import { teamIndex } from '../../../shared/room/groups';
import type { Actor, DocContext } from '../../../shared/room/documents';
import { revealedPolls, sharedTeams } from './liveCommands';

interface Reading {
  context: DocContext;
  teams: Map<string, string>;
}

export class SessionAuthority {
  private reading: Reading | null = null;
  /** Per learner, their actor with its team as of one reading (so nothing is allocated per frame). */
  private readonly actors = new WeakMap<Actor, { as: Reading; actor: Actor }>();

  constructor(private readonly session: () => Y.Doc) {}

  /** The session changed: read it again when next needed. */
  changed(): void {
    this.reading = null;
  }

  context(): DocContext {
    return this.read().context;
  }

  /** The actor with their current team (groups can change during the session). */
  withTeam(actor: Actor): Actor {
    if (actor.role !== 'learner') return actor;
    const reading = this.read();
    let cached = this.actors.get(actor);
    if (cached?.as !== reading) this.actors.set(actor, (cached = { as: reading, actor: { ...actor, teamId: reading.teams.get(actor.learnerId) ?? null } }));
    return cached.actor;
  }

  private read(): Reading {
    if (this.reading) return this.reading;
    const session = this.session();
    const groups = session.getMap('groups').toJSON() as Record<string, { members: string[] }>;
    this.reading = { context: { revealedPolls: revealedPolls(session), sharedTeams: sharedTeams(session) }, teams: teamIndex(groups) };
    return this.reading;
  }
}
