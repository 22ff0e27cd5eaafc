/** What the app shows instead of a blank screen when the content pack cannot be used. */
import { AlertTriangle, LoaderCircle } from 'lucide-react';
import type { ContentState } from './ContentProvider';

export function LoadingPage() {
  return (
    <main className="main" aria-busy="true">
      <p className="muted" role="status">
        <LoaderCircle size={18} aria-hidden="true" /> Loading the lesson…
      </p>
    </main>
  );
}

export function ContentErrorPage({ state }: { state: Exclude<ContentState, { status: 'loading' } | { status: 'ready' }> }) {
  return (
    <main className="main" id="main">
      <div className="page">
        <div className="error-box" role="alert">
          <h1>
            <AlertTriangle size={26} aria-hidden="true" />{' '}
            {state.status === 'invalid' ? 'The lesson content has problems' : 'The kit cannot reach its host'}
          </h1>
          {state.status === 'invalid' ? (
            <>
              <p>
                The app will open once these are fixed. Edit each file named below in the <code>content/</code> folder, run{' '}
                <code>npm run content:check</code> until it reports no problems, then restart the kit.
              </p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">File</th>
                    <th scope="col">Field</th>
                    <th scope="col">Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {state.issues.map((issue, i) => (
                    <tr key={i}>
                      <td>
                        <code>content/{issue.file}</code>
                      </td>
                      <td>
                        <code>{issue.field || '—'}</code>
                      </td>
                      <td>{issue.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <>
              <p>
                The page loaded but the lesson content did not ({state.message}). If you joined a facilitator&apos;s session, check
                that you are on the same Wi-Fi and that the facilitator&apos;s kit is still running, then reload this page.
              </p>
              <button type="button" className="btn btn-primary" onClick={() => location.reload()}>
                Reload
              </button>
            </>
          )}
        </div>
      </div>
    </main>
  );
}
