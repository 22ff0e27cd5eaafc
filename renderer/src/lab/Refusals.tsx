/**
 * Refused actions (`state.errors`), shown above every tab of the workbench: the refusals among the last few actions
 * as an alert (the sentence says what to do), and every earlier one behind a disclosure.
 *
 * Owns: which refusals count as "just now" (among the last `RECENT` actions applied).
 */
import type { LabApi } from './labApi';

const RECENT = 3;

export function Refusals({ lab }: { lab: LabApi }) {
  const st = lab.state;
  const errors = st?.errors ?? [];
  if (!st || errors.length === 0) return null;
  const recent = errors.filter((e) => e.index >= st.applied - RECENT).reverse();
  return (
    <div className="lab-refusals">
      {recent.length ? (
        <div className="callout callout-warn" role="alert" data-testid="lab-refusals">
          <strong>The lab refused {recent.length === 1 ? 'an action' : 'some actions'}:</strong>
          <ul>
            {recent.map((e) => (
              <li key={e.index}>
                Action {e.index + 1}: {e.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <details>
        <summary>
          Refused actions so far ({errors.length}
          {errors.length >= 200 ? ', the latest 200' : ''})
        </summary>
        <ol reversed>
          {[...errors].reverse().map((e) => (
            <li key={e.index}>
              Action {e.index + 1}: {e.message}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
