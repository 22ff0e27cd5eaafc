/**
 * "Room check" on the console: can the learners' devices reach this laptop? Shows the host's preflight
 * (`GET /api/preflight`, electron/host/preflight.ts): each address with its result and the one to give learners,
 * discovery, the learner check (re-asked every few seconds while open, until a learner's device has reached the
 * kit), and each problem with its fix, per operating system where the fix is a firewall setting.
 */
import { CheckCircle2, CircleAlert, Radar } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { PreflightReport } from '../../../shared/protocol/preflight';

const OUTCOME: Record<string, string> = {
  ok: 'reachable',
  refused: 'not listening here',
  timeout: 'no answer (firewall?)',
  'other-program': 'another program answers',
  error: 'could not check',
};

export function RoomCheck({ hostKey }: { hostKey: string }) {
  const [open, setOpen] = useState(false);
  const [report, setReport] = useState<PreflightReport | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const run = useCallback(async () => {
    setBusy(true);
    try {
      const res = await fetch('/api/preflight', { headers: { Authorization: `Bearer ${hostKey}` } });
      const body = (await res.json()) as PreflightReport & { message?: string };
      if (!res.ok) throw new Error(body.message ?? `the host answered ${res.status}`);
      setReport(body);
      setError('');
    } catch (err) {
      setError(`The check could not run: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  }, [hostKey]);
  // While the panel is open and no learner has reached the kit yet, ask again every 5 s.
  const waiting = open && report !== null && !report.learners.seen;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => void run(), 5000);
    return () => clearInterval(timer);
  }, [waiting, run]);

  return (
    <details
      className="card section"
      data-testid="room-check"
      onToggle={(e) => {
        const isOpen = (e.currentTarget as HTMLDetailsElement).open;
        setOpen(isOpen);
        if (isOpen && !report) void run();
      }}
    >
      <summary>
        <Radar size={16} aria-hidden="true" /> Room check: can learners reach this laptop?
      </summary>
      <p className="muted">
        Run it before people arrive. It checks this laptop's addresses and port; the learner check turns green when the first learner's
        device opens the join link (a firewall or a Wi-Fi that isolates devices shows up there).
      </p>
      <button type="button" className="btn" onClick={() => void run()} disabled={busy}>
        {busy ? 'Checking…' : 'Run the check again'}
      </button>
      {error ? (
        <p role="alert" style={{ color: 'var(--danger)' }}>
          {error}
        </p>
      ) : null}
      {report ? (
        <div data-testid="room-check-report" data-ok={report.ok}>
          <p role="status">
            {report.ok ? <CheckCircle2 size={16} aria-hidden="true" /> : <CircleAlert size={16} aria-hidden="true" />}{' '}
            {report.ok ? 'No problem found.' : `${report.problems.length} ${report.problems.length === 1 ? 'problem' : 'problems'} found.`}{' '}
            {report.recommended ? (
              <>
                Give learners <code>{`http://${report.recommended}:${report.port}/`}</code>
              </>
            ) : (
              'No address learners could use was found.'
            )}
          </p>
          <table>
            <caption className="visually-hidden">This laptop's network addresses</caption>
            <thead>
              <tr>
                <th scope="col">Interface</th>
                <th scope="col">Address</th>
                <th scope="col">Kind</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {report.interfaces.map((i) => {
                const check = report.checks.find((c) => c.address === i.address);
                return (
                  <tr key={`${i.name}-${i.address}`} data-address={i.address} data-outcome={check?.outcome}>
                    <td>{i.name}</td>
                    <td>
                      <code>{i.address}</code>
                      {i.recommended ? <strong> ← give learners this one</strong> : null}
                    </td>
                    <td>{i.kind}</td>
                    <td>{check ? OUTCOME[check.outcome] : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p>Discovery (mDNS): {report.discovery.detail}</p>
          <p data-testid="learner-check" data-seen={report.learners.seen}>
            {report.learners.seen
              ? `Learner check: a device at ${report.learners.from} reached the kit (${report.learners.devices} so far).`
              : 'Learner check: waiting for the first learner to open the join link…'}
          </p>
          {report.problems.length > 0 ? (
            <ul>
              {report.problems.map((p, i) => (
                <li key={i}>
                  <strong>{p.what}</strong> {p.fix}
                  {p.firewall ? (
                    <ul>
                      <li>{p.firewall.windows}</li>
                      <li>{p.firewall.macos}</li>
                      <li>{p.firewall.linux}</li>
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </details>
  );
}
