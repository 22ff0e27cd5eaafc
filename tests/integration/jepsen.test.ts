/**
 * Nothing acknowledged is ever lost: the Jepsen-style set test (tests/helpers/setTest.ts) in a short seeded run.
 * 20 learners add tagged items to documents they may write while the real host is SIGKILLed mid-write five times
 * (after 1–2 s of writing each) and restarted on the same port; before each kill a third of them drop at once, and
 * while the host is dead a third go offline for 5–25 s (so across the kill).
 * After healing: no acknowledged item missing, none unexpected, every replica identical to the host's.
 * Pass or fail depends only on those three counts, never on how fast anything was (the reconnect-to-converged times
 * are printed, and measured against their target by `npm run bench:jepsen`).
 */
import { describe, expect, it } from 'vitest';
import { defaultSetTestOptions, runSetTest } from '../helpers/setTest';

describe('set test (Jepsen-style)', () => {
  it('loses no acknowledged item, invents none, and leaves every replica identical, across host kills, drops and offline learners', async () => {
    const result = await runSetTest({
      ...defaultSetTestOptions(20),
      seed: 1,
      kills: 5,
      betweenKillsMs: [1000, 2000],
      log: (line) => console.log(`[set test] ${line}`),
    });
    const { lostExamples, unexpectedExamples, ...summary } = result;
    console.log(`[set test] ${JSON.stringify(summary)}`);
    expect(result.acknowledged).toBeGreaterThan(0);
    expect({
      lostAcknowledged: result.lostAcknowledged,
      unexpected: result.unexpected,
      replicasDiffering: result.replicasDiffering,
      lostExamples,
      unexpectedExamples,
    }).toEqual({
      lostAcknowledged: 0,
      unexpected: 0,
      replicasDiffering: 0,
      lostExamples: [],
      unexpectedExamples: [],
    });
  }, 300_000);
});
