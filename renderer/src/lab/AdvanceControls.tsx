/**
 * The self-study clock: +1 day, +7 days, and "run to day N" at a chosen speed — a play/pause that dispatches one
 * `advance` step at a time and only sends the next once the worker has simulated the last one (so the UI never
 * queues work it cannot show). Shown only when `lab.canAdvance` (in a room the facilitator's clock drives time).
 *
 * Owns: the play loop. It stops at the target day, on pause, or when the lab refuses a step (the day limit).
 */
import { useEffect, useRef, useState } from 'react';
import { LAB_LIMITS } from '../../../shared/lab/actions';
import type { LabApi } from './labApi';

const SPEEDS = [
  { days: 1, label: '1 day per step (slow)' },
  { days: 3, label: '3 days per step' },
  { days: 7, label: '7 days per step (fast)' },
] as const;

export function AdvanceControls({ lab }: { lab: LabApi }) {
  const st = lab.state!;
  const [target, setTarget] = useState(String(Math.min(st.day + 30, LAB_LIMITS.maxDay)));
  const [speed, setSpeed] = useState(3);
  const [playing, setPlaying] = useState(false);
  /** The day a step was last sent from: the next step waits until the day has moved on. */
  const sentFrom = useRef<number | null>(null);
  const errorsAtStart = useRef(0);
  const goal = Math.min(Math.max(0, Math.floor(Number(target) || 0)), LAB_LIMITS.maxDay);

  useEffect(() => {
    if (!playing) return;
    if (st.day >= goal || st.errors.length > errorsAtStart.current) {
      setPlaying(false);
      return;
    }
    if (lab.busy || sentFrom.current === st.day) return;
    sentFrom.current = st.day;
    lab.dispatch({ type: 'advance', days: Math.min(speed, goal - st.day) });
  }, [playing, lab, st.day, st.errors.length, goal, speed]);

  const left = LAB_LIMITS.maxDay - st.day;
  return (
    <section aria-labelledby="lab-clock-h" className="lab-clock">
      <h2 id="lab-clock-h">Simulated time</h2>
      <div className="lab-row">
        <button type="button" className="btn" disabled={left < 1 || playing} onClick={() => lab.dispatch({ type: 'advance', days: 1 })}>
          +1 day
        </button>
        <button type="button" className="btn" disabled={left < 7 || playing} onClick={() => lab.dispatch({ type: 'advance', days: 7 })}>
          +7 days
        </button>
      </div>
      <div className="lab-row">
        <label htmlFor="lab-target">Run to day</label>
        <input
          id="lab-target"
          className="input lab-num"
          type="number"
          min={st.day + 1}
          max={LAB_LIMITS.maxDay}
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        />
        <label htmlFor="lab-speed">Speed</label>
        <select id="lab-speed" className="input" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s.days} value={s.days}>
              {s.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn btn-primary"
          aria-pressed={playing}
          disabled={!playing && goal <= st.day}
          onClick={() => {
            sentFrom.current = null;
            errorsAtStart.current = st.errors.length;
            setPlaying(!playing);
          }}
        >
          {playing ? '❚❚ Pause' : `▶ Play to day ${goal}`}
        </button>
      </div>
    </section>
  );
}
