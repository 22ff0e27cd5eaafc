/**
 * The console's sticky bar: the phase clock and the run-of-show controls a facilitator reaches for mid-sentence —
 * pause/resume, add five minutes, next phase (with the grace-period undo), eyes on the front, the time-left
 * messages, and the raised hands — pinned at the top of the console while the rest of it scrolls.
 *
 * Owns: that bar only; the full controls (previous phase, reset, the phase table) stay in LiveConsole.tsx. Every
 * write is the same session-state write LiveConsole makes (the host accepts it from the facilitator only).
 */
import { ChevronRight, EyeOff, Hand, Pause, Play, Plus, Undo2 } from 'lucide-react';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { extend, formatClock, goToPhase, initialClock, pause, readClock, start } from '../../../shared/room/clock';
import { GRACE_MS, neighbourPhase } from '../../../shared/room/sessionState';
import { useContent } from '../content/ContentProvider';
import { useNow, useSessionState, writeState } from './liveState';
import '../styles/console.css';

/** The time-left messages (also sent from "Tell every screen"), as learners read them. */
export const TIME_LEFT_MESSAGES = ['10 minutes left', '5 minutes left', '1 minute left: wrap up your sentence'] as const;

export function ConsoleBar({ client, hands }: { client: RoomClient; hands: number }) {
  const { pack } = useContent();
  const state = useSessionState(client);
  const now = useNow(500, client);
  const clock = state.clock ?? initialClock();
  const plan = pack.lesson.phases.map((id) => pack.phases.find((p) => p.id === id)).filter((p) => p !== undefined);
  const reading = readClock(plan, clock, now);
  const phase = pack.phases.find((p) => p.id === state.phase);
  const order = pack.lesson.phases;
  const pending = state.pending ?? null;
  const next = neighbourPhase(order, state.phase, 1);
  const moveTo = (target: string | undefined) => {
    if (!target) return;
    if (!state.phase) writeState(client, { phase: target, clock: goToPhase(clock, target, client.hostNow()), pending: null });
    else writeState(client, { pending: { phase: target, at: client.hostNow() + GRACE_MS } });
  };
  const send = (text: string) => writeState(client, { broadcast: { text, at: client.hostNow() } });
  return (
    <div className="console-bar" role="region" aria-label="Run-of-show controls" data-testid="console-bar">
      <div className="console-bar-clock">
        <span className="console-bar-phase">{phase ? phase.title : 'Not started'}</span>
        <span className={`clock ${reading.overtime ? 'over' : ''}`} data-testid="console-clock" aria-live="off">
          {reading.overtime ? `${formatClock(reading.remainingMs)} over` : formatClock(reading.remainingMs)}
        </span>
        {state.phase && !clock.running ? <span className="tag">Paused</span> : null}
      </div>
      {clock.running ? (
        <button type="button" className="btn" onClick={() => writeState(client, { clock: pause(clock, client.hostNow()) })}>
          <Pause size={16} aria-hidden="true" /> Pause for questions
        </button>
      ) : (
        <button
          type="button"
          className="btn btn-primary"
          disabled={!state.phase}
          onClick={() => writeState(client, { clock: start(clock, client.hostNow()) })}
        >
          <Play size={16} aria-hidden="true" /> {reading.elapsedMs > 0 ? 'Resume' : 'Start clock'}
        </button>
      )}
      {/* Shown "+5 min", announced "+5 min: add 5 minutes": the name starts with what is shown (voice control). */}
      <button
        type="button"
        className="btn"
        disabled={!state.phase}
        aria-label="+5 min: add 5 minutes"
        title="Add 5 minutes to this phase"
        onClick={() => writeState(client, { clock: extend(clock, 5) })}
      >
        <Plus size={16} aria-hidden="true" />5 min
      </button>
      {pending ? (
        <span className="console-bar-pending" role="status">
          Moving to {pack.phases.find((p) => p.id === pending.phase)?.title} in {Math.max(0, Math.ceil((pending.at - now) / 1000))} s{' '}
          <button type="button" className="btn" onClick={() => writeState(client, { pending: null })}>
            <Undo2 size={16} aria-hidden="true" /> Undo
          </button>
        </span>
      ) : (
        <button type="button" className="btn btn-primary" onClick={() => moveTo(next)} disabled={!next}>
          {state.phase ? 'Next phase' : 'Start the first phase'} <ChevronRight size={16} aria-hidden="true" />
        </button>
      )}
      <button
        type="button"
        className={`btn ${state.blank ? 'btn-primary' : ''}`}
        aria-pressed={!!state.blank}
        onClick={() => writeState(client, { blank: !state.blank })}
      >
        <EyeOff size={16} aria-hidden="true" /> {state.blank ? 'Release screens' : 'Eyes on the front'}
      </button>
      <span role="group" aria-label="Tell every screen" className="console-bar-messages">
        {TIME_LEFT_MESSAGES.map((m) => (
          <button key={m} type="button" className="btn btn-small" onClick={() => send(m)} title={`Shows “${m}” on every screen`}>
            {m}
          </button>
        ))}
      </span>
      {hands > 0 ? (
        <a className="tag console-bar-hands" href="#roster">
          <Hand size={14} aria-hidden="true" /> {hands === 1 ? '1 hand raised' : `${hands} hands raised`}
        </a>
      ) : null}
    </div>
  );
}
