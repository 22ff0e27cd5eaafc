/**
 * Nothing acknowledged is ever lost: the Jepsen-style set test (tests/helpers/setTest.ts) in a short seeded run.
 * 20 learners add tagged items to documents they may write while the real host is SIGKILLed mid-write five times
 * (after 1–2 s of writing each) and restarted on the same port; before each kill a third of them drop at once, and
 * while the host is dead a third go offline for 5–25 s (so across the kill).
 * After healing: no acknowledged item missing, none unexpected, every replica identical to the host's.
 * Pass or fail depends only on those three counts (and on no document set aside by the host), never on how fast
 * anything was (the reconnect-to-converged times are printed, and measured against their target by `npm run
 * bench:jepsen`). When the machine is too slow for the run to settle within its bound (outboxes not empty), replicas
 * are not compared (edits still on their way are not "differing"), but acknowledged items still are: they are on the
 * host's disk. When even the host's view cannot be read, there is no verdict: the test is skipped with that reason.
 */
import { describe, expect, it } from 'vitest';
import { defaultSetTestOptions, runSetTest } from '../helpers/setTest';

describe('set test (Jepsen-style)', () => {
  it('loses no acknowledged item, invents none, and leaves every replica identical, across host kills, drops and offline learners', async (ctx) => {
    const result = await runSetTest({
      ...defaultSetTestOptions(20),
      seed: 1,
      kills: 5,
      betweenKillsMs: [1000, 2000],
      log: (line) => console.log(`[set test] ${line}`),
    });
    const { lostExamples, unexpectedExamples, ...summary } = result;
    console.log(`[set test] ${JSON.stringify(summary)}`);
    if (result.noVerdict) ctx.skip(result.noVerdict);
    if (result.unsettled) await ctx.annotate(result.unsettled, 'warning');
    expect(result.acknowledged).toBeGreaterThan(0);
    expect({
      lostAcknowledged: result.lostAcknowledged,
      unexpected: result.unexpected,
      replicasDiffering: result.unsettled ?? result.replicasDiffering,
      setAside: result.setAside,
      lostExamples,
      unexpectedExamples,
    }).toEqual({
      lostAcknowledged: 0,
      unexpected: 0,
      replicasDiffering: result.unsettled ?? 0,
      setAside: [],
      lostExamples: [],
      unexpectedExamples: [],
    });
  }, 600_000);
});
