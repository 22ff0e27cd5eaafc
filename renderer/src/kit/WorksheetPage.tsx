/** The comparison worksheet: prompts for groups, with the facilitator's answer key behind a toggle. */
import { useState } from 'react';
import { useParams } from 'react-router';
import { useContent } from '../content/ContentProvider';
import { Markdown } from '../ui/Markdown';
import { NotFound, PageHeader } from '../ui/bits';

export function WorksheetPage() {
  const { id } = useParams();
  const { pack } = useContent();
  const [showKey, setShowKey] = useState(false);
  const w = pack.worksheets.find((x) => x.id === id);
  if (!w) return <NotFound what="worksheet" />;
  return (
    <article className="page-wide">
      <PageHeader eyebrow="Worksheet" title={w.title} lead={<Markdown text={w.instructions} />}>
        <button type="button" className="btn" aria-pressed={showKey} onClick={() => setShowKey((v) => !v)}>
          {showKey ? 'Hide answer key' : 'Show answer key'}
        </button>
      </PageHeader>
      <table>
        <thead>
          <tr>
            <th scope="col" style={{ width: '18%' }}>Dimension</th>
            <th scope="col">Question for your group</th>
            {showKey ? (
              <>
                <th scope="col">DevOps</th>
                <th scope="col">MLOps</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {w.dimensions.map((d) => (
            <tr key={d.id}>
              <th scope="row">{d.dimension}</th>
              <td>
                <Markdown text={d.prompt} />
                {showKey && d.discussion ? (
                  <div className="muted">
                    <Markdown text={d.discussion} />
                  </div>
                ) : null}
              </td>
              {showKey ? (
                <>
                  <td>
                    <Markdown text={d.devops} />
                  </td>
                  <td>
                    <Markdown text={d.mlops} />
                  </td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
