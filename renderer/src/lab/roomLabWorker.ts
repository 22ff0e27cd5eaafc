/**
 * The projector's lab worker: every team's lab replayed off the main thread (shared/lab/roomReplays.ts), so the
 * comparison never freezes the projector. Request `{ scenario, seed, teams: [{ teamId, actions }] }` (untrusted:
 * validated here), answer `{ type: 'teams', teams: TeamResponse[] }` or `{ type: 'error', message }`.
 */
import { z } from 'zod';
import { createRoomReplays } from '../../../shared/lab/roomReplays';
import { parseScenario } from '../../../shared/lab/scenarioSchema';

const request = z.strictObject({
  scenario: z.unknown(),
  seed: z.number().int(),
  teams: z.array(z.strictObject({ teamId: z.string().max(80), actions: z.array(z.unknown()) })).max(200),
});

const replays = createRoomReplays();
let parsed: { json: string; scenario: ReturnType<typeof parseScenario> } | null = null;
/** The DOM typings see `self` as a window; in a dedicated worker postMessage takes the message alone. */
const post = (message: unknown) => (self as unknown as { postMessage(m: unknown): void }).postMessage(message);

self.onmessage = (e: MessageEvent<unknown>) => {
  const r = request.safeParse(e.data);
  if (!r.success) {
    post({ type: 'error', message: `not a room lab request: ${r.error.issues[0]?.message ?? 'invalid'}` });
    return;
  }
  try {
    const json = JSON.stringify(r.data.scenario);
    if (parsed?.json !== json) parsed = { json, scenario: parseScenario(r.data.scenario) };
    post({ type: 'teams', teams: replays(parsed.scenario, r.data.seed, r.data.teams) });
  } catch (err) {
    post({ type: 'error', message: (err as Error).message });
  }
};
