/**
 * LabChannel against the real engine (createLabHandler, the code the worker runs), with a worker that answers
 * only when the test says so — so "one request in flight" and "changes coalesce" are observable.
 */
import { describe, expect, it } from 'vitest';
import { readLabScenarioFile } from '../../../tests/helpers/labScenarios';
import type { LabState } from '../../../shared/lab/labTypes';
import { parseScenario } from '../../../shared/lab/scenarioSchema';
import { createLabHandler, type LabRequest, type LabResponse } from '../../../shared/lab/workerProtocol';
import { LabChannel } from './labChannel';

const scenario = parseScenario({
  ...readLabScenarioFile('fraud-paylark.yaml'),
  rowsPerDay: 500,
  entity: { noun: 'card', count: 1000, riskSd: 1, storeFeature: { id: 'prior-chargebacks', label: 'x' } },
});

function setup() {
  const handle = createLabHandler();
  const sent: { id: number; request: LabRequest }[] = [];
  const seen = { state: null as LabState | null, busy: [] as boolean[], errors: [] as (string | null)[] };
  const channel = new LabChannel((m) => sent.push(m), {
    state: (s) => (seen.state = s),
    busy: (b) => seen.busy.push(b),
    error: (e) => seen.errors.push(e),
  });
  /** The worker answers the oldest unanswered message (the channel never has more than one out). */
  let answered = 0;
  const answer = (response?: LabResponse) => {
    const m = sent[answered++]!;
    channel.receive({ id: m.id, response: response ?? handle(m.request) });
  };
  return { channel, sent, seen, answer, pendingCount: () => sent.length - answered };
}

const advance = { type: 'advance', days: 1 };

describe('LabChannel', { timeout: 120_000 }, () => {
  it('opens once, then appends only the new actions; changes made mid-request coalesce into one append', () => {
    const { channel, sent, seen, answer, pendingCount } = setup();
    const list: unknown[] = [{ type: 'train' }];
    channel.want(scenario, 1, [...list]);
    expect(sent.map((m) => m.request.type)).toEqual(['open']);
    expect(seen.busy.at(-1)).toBe(true);
    // Three more actions arrive while the open is computing: nothing is sent until it answers.
    for (const a of [{ type: 'register', runId: 'run-1' }, { type: 'promote', version: 1 }, advance]) {
      list.push(a);
      channel.want(scenario, 1, [...list]);
    }
    expect(pendingCount()).toBe(1);
    answer();
    expect(seen.state?.runs).toHaveLength(1);
    expect(sent.map((m) => m.request)).toHaveLength(2);
    expect(sent[1]!.request).toEqual({ type: 'append', actions: list.slice(1) });
    expect(seen.busy.at(-1)).toBe(true);
    answer();
    expect(seen.state).toMatchObject({ day: 1, applied: 4, registry: { champion: 1 } });
    expect(seen.busy.at(-1)).toBe(false);
    expect(pendingCount()).toBe(0);
  });

  it('replays in full when the list changed in the middle or the seed changed', () => {
    const { channel, sent, seen, answer } = setup();
    channel.want(scenario, 1, [advance, advance]);
    answer();
    expect(seen.state?.day).toBe(2);
    channel.want(scenario, 1, [advance]); // "start over"-like: the list shrank
    expect(sent.at(-1)!.request).toMatchObject({ type: 'open', actions: [advance] });
    answer();
    expect(seen.state?.day).toBe(1);
    channel.want(scenario, 2, [advance]);
    expect(seen.state).toBeNull(); // another lab: the old state is not shown meanwhile
    expect(sent.at(-1)!.request).toMatchObject({ type: 'open', seed: 2 });
    answer();
    expect(seen.state).toMatchObject({ seed: 2, day: 1 });
  });

  it('answers lineage questions after the list has been applied, and turns errors into sentences', async () => {
    const { channel, sent, seen, answer } = setup();
    channel.want(scenario, 1, [{ type: 'train' }]);
    const lineage = channel.ask({ type: 'lineage', version: 1 });
    channel.want(scenario, 1, [{ type: 'train' }, { type: 'register', runId: 'run-1' }]);
    answer(); // open
    answer(); // append (the register), before the question
    expect(sent.map((m) => m.request.type)).toEqual(['open', 'append', 'lineage']);
    answer();
    await expect(lineage).resolves.toMatchObject({ type: 'lineage', lineage: { version: 1, run: { id: 'run-1' } } });

    channel.want(scenario, 1, [{ type: 'train' }, { type: 'register', runId: 'run-1' }, advance]);
    answer({ type: 'error', message: 'out of memory' });
    expect(seen.errors.at(-1)).toMatch(/could not be rebuilt from its actions: out of memory\. Start over, or reload/);
    const q = channel.ask({ type: 'lineage', version: 1 });
    channel.fail('The lab engine stopped. Reload the page.');
    await expect(q).rejects.toThrow(/Reload the page/);
    await expect(channel.ask({ type: 'lineage', version: 1 })).rejects.toThrow(/Reload the page/);
    expect(seen.busy.at(-1)).toBe(false);
  });
});
