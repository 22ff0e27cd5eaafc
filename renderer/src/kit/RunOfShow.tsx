/** A phase's minute-by-minute plan: what the facilitator says and does, what learners do, what to expect. */
import type { Phase } from '../../../shared/content/schema';
import { Markdown, MarkdownList } from '../ui/Markdown';
import { ItemLink } from '../ui/bits';

/** A step's *Say* and *Do* (term and description pairs for a <dl className="ros-grid">), also on the live console. */
export function SayDo({ step }: { step: { facilitatorSays?: string; facilitatorDoes?: string } }) {
  return (
    <>
      {step.facilitatorSays ? (
        <>
          <dt>Say</dt>
          <dd className="says">
            <Markdown text={step.facilitatorSays} />
          </dd>
        </>
      ) : null}
      {step.facilitatorDoes ? (
        <>
          <dt>Do</dt>
          <dd>
            <Markdown text={step.facilitatorDoes} />
          </dd>
        </>
      ) : null}
    </>
  );
}

export function RunOfShow({ phase, startMinute = 0 }: { phase: Phase; startMinute?: number }) {
  const steps = phase.runOfShow ?? [];
  if (steps.length === 0) return <p className="empty">No run-of-show written for this phase yet.</p>;
  return (
    <ol className="ros">
      {steps.map((step, i) => (
        <li key={i} className="ros-step">
          <div className="ros-time">
            +{step.minute}′<span>{step.minutes} min</span>
            <span className="visually-hidden"> (lesson minute {startMinute + step.minute})</span>
          </div>
          <div>
            <h3>{step.title}</h3>
            <dl className="ros-grid">
              <SayDo step={step} />
              {step.learnersDo ? (
                <>
                  <dt>Learners</dt>
                  <dd>
                    <Markdown text={step.learnersDo} />
                  </dd>
                </>
              ) : null}
              {step.screen ? (
                <>
                  <dt>On screens</dt>
                  <dd>
                    <ItemLink id={step.screen} />
                  </dd>
                </>
              ) : null}
              {step.expected ? (
                <>
                  <dt>Expect</dt>
                  <dd>
                    <Markdown text={step.expected} />
                  </dd>
                </>
              ) : null}
              {step.misconceptions && step.misconceptions.length > 0 ? (
                <>
                  <dt>Misconceptions</dt>
                  <dd>
                    <MarkdownList items={step.misconceptions} />
                  </dd>
                </>
              ) : null}
            </dl>
          </div>
        </li>
      ))}
    </ol>
  );
}

export function TimingCues({ phase }: { phase: Phase }) {
  if (!phase.timingCues || phase.timingCues.length === 0) return null;
  return (
    <div className="callout callout-warn">
      <strong>Timing cues</strong>
      <ul className="list">
        {phase.timingCues.map((cue, i) => (
          <li key={i}>
            <strong>
              <Markdown text={cue.when} inline />:
            </strong>{' '}
            <Markdown text={cue.do} inline />
          </li>
        ))}
      </ul>
    </div>
  );
}
