/**
 * The facilitator's side of reflection on the console (issue 13, point 4).
 *
 * Owns: the exit tickets' aggregate (the host-written `exit-tickets` document: confidence before/after, the mean
 * shift, the answers without names), opening the content's session feedback poll at the close, formative
 * observation notes per team and per phase (quick tags from the phase's look-fors plus free text) and the
 * facilitator's own reflection after the session with the plan's prompts — both in `facilitator/…` documents that
 * only the facilitator can read or write.
 */
import { useEffect, useReducer, useState } from 'react';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { CONFIDENCE_MIN, type ExitTicketAggregate } from '../../../shared/room/exitTicket';
import { lookForTags } from '../../../shared/content/deliverySchemas';
import { useContent } from '../content/ContentProvider';
import { useGroups } from '../live/groupState';
import { openBankPoll, useSessionPolls, useSessionState, writeState } from '../live/liveState';
import { SharedTextArea } from '../room/SharedTextArea';
import { useYMapJson } from '../sync/RoomProvider';
import { Markdown } from '../ui/Markdown';
import { BarChartDrawing } from '../ui/charts/BarChart';

const OBSERVATIONS = 'facilitator/observations';
const REFLECTION = 'facilitator/reflection';

/** A confidence distribution: the kit's bar chart (recharts), with the counts as a list for assistive technology. */
function Distribution({ label, counts, testId }: { label: string; counts: number[]; testId: string }) {
  const data = counts.map((count, i) => ({ label: String(CONFIDENCE_MIN + i), value: count }));
  return (
    <figure className="poll-results" data-testid={testId} aria-label={label} role="group">
      <div className="eyebrow">{label}</div>
      <BarChartDrawing data={data} />
      <ul className="visually-hidden">
        {counts.map((count, i) => (
          <li key={i} data-level={CONFIDENCE_MIN + i} data-count={count}>
            {CONFIDENCE_MIN + i}: {count}
          </li>
        ))}
      </ul>
    </figure>
  );
}

const signed = (n: number) => `${n > 0 ? '+' : ''}${n.toFixed(2)}`;

export function ExitTicketSummary({ client }: { client: RoomClient }) {
  const summary = useYMapJson<{ summary?: ExitTicketAggregate }>(client, 'exit-tickets', 'exit')?.summary ?? null;
  if (!summary || summary.count === 0) return <p className="empty">No exit tickets yet. Learners send theirs from the journal on their screen.</p>;
  return (
    <div className="stack" data-testid="exit-summary" data-count={summary.count}>
      <p>
        <strong>{summary.count}</strong> exit {summary.count === 1 ? 'ticket' : 'tickets'} · confidence {summary.meanBefore?.toFixed(2)} → {summary.meanAfter?.toFixed(2)} (mean shift{' '}
        <strong data-testid="exit-shift">{signed(summary.meanShift ?? 0)}</strong>; {summary.shifts.up} up, {summary.shifts.same} same, {summary.shifts.down} down)
      </p>
      <div className="grid-2">
        <Distribution label="Confidence before" counts={summary.before} testId="exit-before" />
        <Distribution label="Confidence after" counts={summary.after} testId="exit-after" />
      </div>
      <div className="grid-2">
        <div>
          <div className="eyebrow">What they will change at work</div>
          <ul className="list" data-testid="exit-changes">
            {summary.changes.map((t, i) => (
              <li key={i}>{t}</li>
            ))}
          </ul>
        </div>
        <div>
          <div className="eyebrow">Open questions</div>
          <ul className="list" data-testid="exit-questions">
            {summary.questions.map((t, i) => (
              <li key={i}>{t}</li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** Opens the content's session feedback poll (it works as any poll of the bank) and pushes it to screens. */
export function FeedbackPollButton({ client }: { client: RoomClient }) {
  const { pack } = useContent();
  const polls = useSessionPolls(client);
  const id = pack.lesson.exitTicket?.feedbackPoll;
  const def = pack.polls.flatMap((b) => b.polls).find((p) => p.id === id);
  if (!def) return null;
  const open = polls[def.id]?.status === 'open';
  return (
    <button
      type="button"
      className="btn"
      disabled={open}
      onClick={() => {
        openBankPoll(client, { id: def.id, kind: def.kind, prompt: def.prompt, ...(def.options ? { options: def.options } : {}), ...(def.scale ? { scale: def.scale } : {}) });
        writeState(client, { pushed: { kind: 'poll', pollId: def.id } });
      }}
    >
      {open ? 'Session feedback poll is open' : 'Open the session feedback poll'}
    </button>
  );
}

export function ObservationNotes({ client }: { client: RoomClient }) {
  const { pack } = useContent();
  const state = useSessionState(client);
  const groups = Object.values(useGroups(client)).sort((a, b) => a.name.localeCompare(b.name));
  const [chosen, setChosen] = useState('');
  const phaseId = chosen || state.phase || pack.lesson.phases[0] || '';
  const tags = useYMapJson<Record<string, string[]>>(client, OBSERVATIONS, 'tags') ?? {};
  const toggle = (key: string, tag: string) => {
    const now = tags[key] ?? [];
    client.doc(OBSERVATIONS).getMap('tags').set(key, now.includes(tag) ? now.filter((t) => t !== tag) : [...now, tag]);
  };
  // An ended session (its controls disabled: no phase to choose): every phase that has notes, one after another.
  const past = client.readOnly;
  const [, changed] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!past) return;
    const doc = client.doc(OBSERVATIONS); // which phases have notes: known once the host's copy has arrived
    doc.on('update', changed);
    return () => doc.off('update', changed);
  }, [client, past]);
  const noted = (id: string) => groups.some((g) => (tags[`${id}:${g.id}`]?.length ?? 0) > 0 || client.doc(OBSERVATIONS).getText(`${id}:${g.id}`).length > 0);
  const shown = past ? pack.lesson.phases.filter(noted) : [phaseId];
  return (
    <div className="stack" data-testid="observations">
      {past ? (
        shown.length === 0 ? <p className="empty">No observation notes were taken in this session.</p> : null
      ) : (
        <label className="form-row">
          <span>Phase</span>
          <select className="input" value={phaseId} onChange={(e) => setChosen(e.target.value)} aria-label="Phase observed">
            {pack.lesson.phases.map((id) => (
              <option key={id} value={id}>
                {pack.phases.find((p) => p.id === id)?.title ?? id}
              </option>
            ))}
          </select>
        </label>
      )}
      {groups.length === 0 ? <p className="empty">No teams yet: notes per team appear once groups are formed.</p> : null}
      {shown.flatMap((id) => groups.map((g) => <TeamObservation key={`${id}:${g.id}`} client={client} phaseId={id} team={g} tags={tags[`${id}:${g.id}`] ?? []} toggle={toggle} />))}
    </div>
  );
}

function TeamObservation({ client, phaseId, team, tags, toggle }: { client: RoomClient; phaseId: string; team: { id: string; name: string }; tags: string[]; toggle: (key: string, tag: string) => void }) {
  const { pack } = useContent();
  const phase = pack.phases.find((p) => p.id === phaseId);
  const key = `${phaseId}:${team.id}`;
  return (
    <div className="card" data-testid={`observe-${team.id}`} data-phase={phaseId}>
      <div className="eyebrow">
        {team.name}
        {client.readOnly ? ` · ${phase?.title ?? phaseId}` : ''}
      </div>
      <div className="tags" role="group" aria-label={`Look-fors for ${team.name}`}>
        {lookForTags(phase?.lookFors).map((tag) => (
          <button key={tag} type="button" className={`btn ${tags.includes(tag) ? 'btn-primary' : ''}`} aria-pressed={tags.includes(tag)} onClick={() => toggle(key, tag)}>
            {tag}
          </button>
        ))}
      </div>
      <SharedTextArea ytext={client.doc(OBSERVATIONS).getText(key)} id={client.readOnly ? `observe-text-${phaseId}-${team.id}` : `observe-text-${team.id}`} label={`Notes on ${team.name} in ${phase?.title ?? phaseId}`} />
    </div>
  );
}

export function FacilitatorReflection({ client }: { client: RoomClient }) {
  const { pack } = useContent();
  return (
    <div className="stack" data-testid="facilitator-reflection">
      {pack.lesson.reflection.facilitator.map((prompt, i) => (
        <div key={i}>
          <SharedTextArea ytext={client.doc(REFLECTION).getText(`plan:${i}`)} id={`reflect-${i}`} label={prompt} />
        </div>
      ))}
      <p className="muted">
        <Markdown text="Only you can read these notes: learners' screens never receive them. You can write them after you **end** the session too: it is the one thing an ended session still takes." inline />
      </p>
    </div>
  );
}

/**
 * The console's Reflect section: everything above, for the close and after the session. `withReflection` false: the
 * facilitator's reflection is shown elsewhere (an ended session's console puts it at the top).
 */
export function ConsoleReflection({ client, withReflection = true }: { client: RoomClient; withReflection?: boolean }) {
  return (
    <div className="stack">
      <div className="card">
        <h3 style={{ marginTop: 0 }}>Exit tickets</h3>
        <ExitTicketSummary client={client} />
        <div className="page-actions">
          <FeedbackPollButton client={client} />
        </div>
      </div>
      <details className="card">
        <summary>Observation notes per team and phase (only you see them)</summary>
        <ObservationNotes client={client} />
      </details>
      {withReflection ? (
        <details className="card">
          <summary>Your reflection after the session</summary>
          <FacilitatorReflection client={client} />
        </details>
      ) : null}
    </div>
  );
}
