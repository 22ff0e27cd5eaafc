/**
 * The facilitator's run-of-show: the phase clock (start, pause for Q&A, extend, reset) with over-time and carry-over,
 * phase changes with a grace period and undo, the current run-of-show step, and what learner screens show (a slide,
 * any kit item, blank). Every write goes to the session document; the host accepts it only from the facilitator.
 */
import { ChevronLeft, ChevronRight, Monitor, RotateCcw, Send } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import type { Deck } from '../../../shared/content/schema';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { adjustedPlan, carryOverNotes, goToPhase, initialClock, readClock, reset, type PhasePlan } from '../../../shared/room/clock';
import { GRACE_MS, neighbourPhase } from '../../../shared/room/sessionState';
import { useContent } from '../content/ContentProvider';
import { SayDo } from '../kit/RunOfShow';
import { Markdown, MarkdownList } from '../ui/Markdown';
import { ConsoleLargeRoom } from './ConsoleLargeRoom';
import { useNow, useSessionState, writeState } from './liveState';
import { platform } from '../platform/bridge';

function usePlan(): PhasePlan[] {
  const { pack } = useContent();
  return useMemo(
    () => pack.lesson.phases.map((id) => pack.phases.find((p) => p.id === id)).filter((p) => p !== undefined).map((p) => ({ id: p.id, title: p.title, minutes: p.minutes })),
    [pack],
  );
}

export function LiveConsole({ client, code, hostKey }: { client: RoomClient; code: string; hostKey: string }) {
  const { pack } = useContent();
  const plan = usePlan();
  const state = useSessionState(client);
  const now = useNow(500, client);
  const clock = state.clock ?? initialClock();
  const phase = pack.phases.find((p) => p.id === state.phase);
  const reading = readClock(plan, clock, now);
  const adjusted = adjustedPlan(plan, clock);
  const notes = carryOverNotes(plan, clock);
  const order = pack.lesson.phases;
  const pending = state.pending ?? null;
  const desktop = platform();

  // The console announces a change and can undo it; the host makes it final when the grace period ends
  // (electron/host/room/phaseTimer.ts), console open or not. Every time written here is the host's (client.hostNow()).
  const moveTo = (target: string | undefined) => {
    if (!target) return;
    if (!state.phase) {
      writeState(client, { phase: target, clock: goToPhase(clock, target, client.hostNow()), pending: null });
      return;
    }
    writeState(client, { pending: { phase: target, at: client.hostNow() + GRACE_MS } });
  };
  const step = currentStep(phase?.runOfShow ?? [], reading.elapsedMs);
  const slideDeck = pack.decks[0];
  const pushedSlide = state.pushed?.kind === 'slide' ? slideDeck?.slides.findIndex((s) => s.id === (state.pushed as { slide: string }).slide) ?? -1 : -1;
  const itemOptions = [
    ...pack.cases.map((c) => ({ id: c.id, label: `Case: ${c.title}` })),
    ...pack.concepts.map((c) => ({ id: c.id, label: `Concept: ${c.term}` })),
    ...pack.diagrams.map((d) => ({ id: d.id, label: `Diagram: ${d.title}` })),
    ...pack.worksheets.map((w) => ({ id: w.id, label: `Worksheet: ${w.title}` })),
    ...pack.templates.map((t) => ({ id: t.id, label: `Template: ${t.title}` })),
  ];

  return (
    <div className="stack">
      <section className="card" aria-label="Phase clock">
        {/* The clock, pause, +5 min, next phase and eyes-on-front live in the sticky bar (ConsoleBar.tsx). */}
        <div style={{ display: 'flex', alignItems: 'center', gap: 16, flexWrap: 'wrap' }}>
          <div className="eyebrow">{phase ? `${phase.title} · ${reading.allowedMinutes} min · ${clock.running ? 'running' : 'paused'}` : 'Not started'}</div>
          <button type="button" className="btn" disabled={!state.phase} onClick={() => writeState(client, { clock: reset(clock) })}>
            <RotateCcw size={16} aria-hidden="true" /> Reset
          </button>
        </div>
        {notes.map((n) => (
          <p key={n} className="banner" role="status">
            {n}
          </p>
        ))}
        {reading.overtime && phase?.timingCues?.length ? (
          <div className="callout callout-warn">
            <strong>Running late?</strong>
            <ul className="list">
              {phase.timingCues.map((cue, i) => (
                <li key={i}>
                  <Markdown text={`**${cue.when}:** ${cue.do}`} inline />
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      <section className="card" aria-label="Phases">
        <div className="page-actions" style={{ marginTop: 0 }}>
          <button type="button" className="btn" onClick={() => moveTo(neighbourPhase(order, state.phase, -1))} disabled={!neighbourPhase(order, state.phase, -1) || !!pending}>
            <ChevronLeft size={16} aria-hidden="true" /> Previous phase
          </button>
        </div>
        <table>
          <thead>
            <tr>
              <th scope="col">Phase</th>
              <th scope="col">Planned</th>
              <th scope="col">Now</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {adjusted.map((p) => (
              <tr key={p.id} aria-current={p.status === 'current' ? 'step' : undefined}>
                <th scope="row">{p.title}</th>
                <td>{p.minutes} min</td>
                <td>{p.status === 'done' ? (p.id in clock.actualMinutes ? `${p.adjustedMinutes} min (actual)` : 'passed') : `${p.adjustedMinutes + (p.status === 'current' ? clock.extendedMinutes : 0)} min`}</td>
                <td>{p.status === 'current' ? (clock.running ? 'running' : 'paused') : p.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {phase ? (
        <section className="card" aria-label="Run of show">
          <div className="eyebrow">Run of show · now</div>
          {step ? (
            <>
              <h3 style={{ marginTop: 4 }}>
                +{step.minute}′ {step.title}
              </h3>
              <dl className="ros-grid">
                <SayDo step={step} />
              </dl>
            </>
          ) : (
            <p className="muted">No run-of-show step for this minute.</p>
          )}
          <ConsoleLargeRoom client={client} phase={phase} elapsedMs={reading.elapsedMs} />
          <details>
            <summary>Differentiation</summary>
            <MarkdownList items={phase.differentiation} />
          </details>
        </section>
      ) : null}

      <section className="card" aria-label="Learner screens">
        <div className="eyebrow">Learner screens and projector</div>
        <div className="page-actions">
          {slideDeck ? <SlidePicker client={client} deck={slideDeck} pushed={pushedSlide >= 0 ? slideDeck.slides[pushedSlide]!.id : ''} /> : null}
          <label className="form-row" style={{ margin: 0 }}>
            <span>Push a kit item</span>
            <select className="input" aria-label="Item to push" value={state.pushed?.kind === 'item' ? state.pushed.id : ''} onChange={(e) => e.target.value && writeState(client, { pushed: { kind: 'item', id: e.target.value } })}>
              <option value="">Choose an item…</option>
              {itemOptions.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="page-actions">
          <button type="button" className="btn" onClick={() => writeState(client, { pushed: null })} disabled={!state.pushed}>
            Clear the pushed item
          </button>
          {desktop.openPresenter ? (
            <button type="button" className="btn" onClick={() => void desktop.openPresenter?.(`/present/${code}#key=${hostKey}`)}>
              <Monitor size={16} aria-hidden="true" /> Open presenter view
            </button>
          ) : (
            <a className="btn" href={`/present/${code}#key=${hostKey}`} target="_blank" rel="noreferrer">
              <Monitor size={16} aria-hidden="true" /> Open presenter view
            </a>
          )}
        </div>
        {pushedSlide >= 0 && slideDeck ? (
          <div className="grid-2">
            <div>
              <div className="eyebrow">Speaker notes</div>
              <Markdown text={slideDeck.slides[pushedSlide]!.notes} />
            </div>
            <div>
              <div className="eyebrow">Next slide</div>
              <p>{slideDeck.slides[pushedSlide + 1]?.title ?? 'End of the deck'}</p>
              {slideDeck.slides[pushedSlide + 1] ? (
                <button type="button" className="btn" onClick={() => writeState(client, { pushed: { kind: 'slide', deck: slideDeck.id, slide: slideDeck.slides[pushedSlide + 1]!.id } })}>
                  Next slide <ChevronRight size={16} aria-hidden="true" />
                </button>
              ) : null}
            </div>
          </div>
        ) : null}
      </section>
    </div>
  );
}

/**
 * "Push a slide": choosing in the list only selects (browsing it with ↓ pushes nothing); "Push slide" sends it to
 * every screen.
 */
function SlidePicker({ client, deck, pushed }: { client: RoomClient; deck: Deck; pushed: string }) {
  const [chosen, setChosen] = useState(pushed);
  useEffect(() => setChosen(pushed), [pushed]);
  return (
    <form
      className="page-actions"
      style={{ margin: 0, alignItems: 'end' }}
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) writeState(client, { pushed: { kind: 'slide', deck: deck.id, slide: chosen } });
      }}
    >
      <label className="form-row" style={{ margin: 0 }}>
        <span>Push a slide</span>
        <select className="input" aria-label="Slide to push" value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">Choose a slide…</option>
          {deck.slides.map((s, i) => (
            <option key={s.id} value={s.id}>
              {i + 1}. {s.title}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn btn-primary" disabled={!chosen || chosen === pushed}>
        <Send size={16} aria-hidden="true" /> Push slide
      </button>
    </form>
  );
}

function currentStep<T extends { minute: number; minutes: number }>(steps: T[], elapsed: number): T | undefined {
  const minute = elapsed / 60_000;
  return steps.find((s) => minute >= s.minute && minute < s.minute + s.minutes) ?? steps[steps.length - 1];
}
