/**
 * What authorisation needs from the session — revealed polls (session document), shared teams and each learner's
 * team (the host-owned groups document) — read once per change of either, never per frame: rebuilding it on every
 * frame was the host's largest cost per learner. `changed()` says whether the reading differs from the last one, so
 * the room re-checks live subscriptions (subscriptionCheck.ts) only when access may have changed.
 */
import type * as Y from 'yjs';
import { teamIndex } from '../../../shared/room/groups';
import type { Actor, DocContext } from '../../../shared/room/documents';
import { revealedPolls, sharedTeams } from './liveCommands';
import { readGroups } from './groupCommands';
import { revealedScores } from './evaluateCommands';

interface Reading {
  context: DocContext;
  teams: Map<string, string>;
  /** A summary to compare readings by. */
  key: string;
}

export class SessionAuthority {
  private reading: Reading | null = null;
  /** Per learner, their actor with its team as of one reading (so nothing is allocated per frame). */
  private readonly actors = new WeakMap<Actor, { as: Reading; actor: Actor }>();

  constructor(
    private readonly session: () => Y.Doc,
    private readonly groups: () => Y.Doc,
    /** The Evaluate phase's document: which teams' scores are revealed. */
    private readonly evaluate: () => Y.Doc,
  ) {}

  /** The session, the groups or the Evaluate state changed: read them again; true when what authorisation depends on changed. */
  changed(): boolean {
    const before = this.reading;
    this.reading = null;
    if (before && this.read().key === before.key) {
      this.reading = before; // the same access as before: keep the reading (and the actors cached against it)
      return false;
    }
    return true;
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
    const revealed = revealedPolls(this.session());
    const shared = sharedTeams(this.groups());
    const teams = teamIndex(readGroups(this.groups()));
    const scores = revealedScores(this.evaluate());
    const key = JSON.stringify([[...revealed].sort(), [...shared].sort(), [...teams].sort(), [...scores].sort()]);
    this.reading = { context: { revealedPolls: revealed, sharedTeams: shared, revealedScores: scores }, teams, key };
    return this.reading;
  }
}
