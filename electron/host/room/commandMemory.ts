/**
 * Which command ids the host has applied, per learner (the facilitator counts as one), so a command resent after a
 * reconnect — from a new connection, or from another tab of the same learner — is acknowledged, not applied twice
 * (issue 12: ids were remembered per connection). Bounded: the last `perLearner` ids of each learner, oldest
 * forgotten first (a client resends only what its outbox still holds, far fewer).
 */
export class CommandMemory {
  private readonly byLearner = new Map<string, Set<string>>();

  constructor(private readonly perLearner = 256) {}

  has(learnerId: string, id: string): boolean {
    return this.byLearner.get(learnerId)?.has(id) ?? false;
  }

  add(learnerId: string, id: string): void {
    let ids = this.byLearner.get(learnerId);
    if (!ids) this.byLearner.set(learnerId, (ids = new Set()));
    ids.delete(id);
    ids.add(id);
    if (ids.size > this.perLearner) ids.delete(ids.values().next().value!);
  }

  forget(learnerId: string, id: string): void {
    this.byLearner.get(learnerId)?.delete(id);
  }
}
