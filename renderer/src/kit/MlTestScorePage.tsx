/**
 * The ML Test Score rubric as a self-assessment used alone in the kit: 28 tests in four categories, each marked
 * not done / manual / automated, with the score computed live. The marks stay on this device (localStorage, one
 * key per rubric), read back as untrusted input; "Reset" clears them.
 */
import { useCallback, useState } from 'react';
import { useParams } from 'react-router';
import { sanitizeMarks, type MtsPoints, type MtsRubric } from '../../../shared/room/mlTestScore';
import { useContent } from '../content/ContentProvider';
import { MlTestScoreResult, MlTestScoreTests, useMlTestScore } from '../mltestscore/MlTestScoreForm';
import { Markdown } from '../ui/Markdown';
import { NotFound, PageHeader, Section } from '../ui/bits';

const storageKey = (id: string) => `workshop-kit:mltestscore:${id}`;

function loadMarks(rubric: MtsRubric, id: string): Record<string, MtsPoints> {
  try {
    return sanitizeMarks(rubric, JSON.parse(localStorage.getItem(storageKey(id)) ?? '{}'));
  } catch {
    return {};
  }
}

function useDeviceMarks(rubric: MtsRubric | undefined, id: string) {
  const [state, setState] = useState(() => ({ id, marks: rubric ? loadMarks(rubric, id) : {} }));
  // Another rubric id in the URL: read its own marks.
  const marks = state.id === id ? state.marks : rubric ? loadMarks(rubric, id) : {};
  const save = useCallback(
    (next: Record<string, MtsPoints>) => {
      setState({ id, marks: next });
      try {
        if (Object.keys(next).length) localStorage.setItem(storageKey(id), JSON.stringify(next));
        else localStorage.removeItem(storageKey(id));
      } catch {
        // Storage full or disabled: the marks still count for this visit.
      }
    },
    [id],
  );
  return { marks, save };
}

export function MlTestScorePage() {
  const { id = '' } = useParams();
  const { pack } = useContent();
  const m = pack.mltestscore.find((x) => x.id === id);
  const { marks, save } = useDeviceMarks(m, id);
  const result = useMlTestScore(m, marks);
  const [confirming, setConfirming] = useState(false);
  if (!m || !result) return <NotFound what="self-assessment" />;
  return (
    <article className="page">
      <PageHeader eyebrow="Self-assessment" title={m.title} lead={<Markdown text={m.intro} />} />
      <p className="muted">
        Source: {[m.source.authors, m.source.title, m.source.publisher, m.source.year].filter(Boolean).join(', ')}
      </p>
      <Section title="Scoring" id="scoring">
        <Markdown text={m.scoring} />
        <div className="tags">
          {m.points.map((p) => (
            <span key={p.value} className="tag">
              {p.value} — {p.label}
            </span>
          ))}
        </div>
      </Section>
      <Section title="Your score" id="your-score">
        <p className="muted">Mark each test below; the score updates as you go. Your marks stay on this device only.</p>
        <MlTestScoreResult result={result} />
        <div className="page-actions">
          {confirming ? (
            <>
              <span>Clear all {result.marked} marks?</span>
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => {
                  save({});
                  setConfirming(false);
                }}
              >
                Yes, reset
              </button>
              <button type="button" className="btn" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" className="btn" disabled={result.marked === 0} onClick={() => setConfirming(true)}>
              Reset
            </button>
          )}
        </div>
      </Section>
      <div className="section">
        <MlTestScoreTests rubric={m} marks={marks} scope="kit" onMark={(testId, points) => save({ ...marks, [testId]: points })} />
      </div>
      <Section title="What the score means" id="interpretation">
        <table>
          <thead>
            <tr>
              <th scope="col">Score</th>
              <th scope="col">Reading</th>
            </tr>
          </thead>
          <tbody>
            {m.interpretation.map((band) => (
              <tr key={band.minScore} aria-current={result.band === band ? 'true' : undefined}>
                <td>{band.label}</td>
                <td>
                  <Markdown text={band.meaning} inline />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </article>
  );
}
