/**
 * The facilitator's console (opened from the link the host prints, which carries the host key): sessions over
 * time (start, open, end, delete) and, for the open session, the join card with QR code and the live roster.
 * An ended or imported session opens in the same console, read-only (SessionEnded.tsx), with the facilitator's
 * reflection at the top: the one thing the host still lets the facilitator write after the end.
 */
import { Play, Square, Trash2 } from 'lucide-react';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { SessionSummary, SessionsList } from '../../../shared/protocol/sessionsApi';
import { useRoom, useYMapJson } from '../sync/RoomProvider';
import { PageHeader, Section } from '../ui/bits';
import type { Participant } from './RoomPage';
import { StatusIndicator } from './StatusIndicator';
import { JoinCard } from './JoinCard';
import { RoomCheck } from './RoomCheck';
import { HostStorageBanner } from './HostStorageBanner';
import { ConsoleGroups } from '../live/ConsoleGroups';
import { ConsoleMlTestScores } from '../live/ConsoleMlTestScores';
import { TeamGallery } from '../live/TeamGallery';
import { BroadcastControls } from '../live/Broadcast';
import { LiveConsole } from '../live/LiveConsole';
import { ConsolePolls, ConsoleQa } from '../live/ConsolePolls';
import { ConsoleReflection, FacilitatorReflection } from '../reflect/ConsoleReflection';
import { EndedBanner, WritesOff, useSessionEnded } from './SessionEnded';
import { ConsoleEvaluate } from '../live/ConsoleEvaluate';
import { ImportArchive, SessionExportButtons } from './SessionExport';
import { ConsoleRoster, EndSession } from './ConsoleRoster';
import { ConsoleBar } from '../live/ConsoleBar';
import { ConsoleLab } from '../live/ConsoleLab';

const KEY = 'workshop-kit:host-key';

/** Reads the host key from the facilitator link's #key=…, keeps it for this tab, and removes it from the address bar. */
export function useHostKey(): string | null {
  const [key] = useState(() => {
    const match = /#key=([A-Za-z0-9_-]+)/.exec(location.hash);
    if (match?.[1]) {
      sessionStorage.setItem(KEY, match[1]);
      history.replaceState(null, '', location.pathname + location.search);
      return match[1];
    }
    return sessionStorage.getItem(KEY);
  });
  return key;
}

async function api<T>(key: string, path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, {
    ...init,
    headers: { ...(init.headers ?? {}), Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
  });
  const body = (await res.json()) as T & { message?: string };
  if (!res.ok) throw new Error(body.message ?? `HTTP ${res.status}`);
  return body;
}

export function ConsolePage() {
  const key = useHostKey();
  const { code } = useParams();
  if (!key) {
    return (
      <div className="page">
        <PageHeader
          eyebrow="Facilitator"
          title="Open the facilitator link"
          lead="The console needs the link the host printed when it started (it carries the facilitator's key). Learners join with the room code instead."
        />
        <Link className="btn" to="/join">
          Join as a learner
        </Link>
      </div>
    );
  }
  return code ? <SessionConsole hostKey={key} code={code} /> : <SessionsPage hostKey={key} />;
}

function SessionsPage({ hostKey }: { hostKey: string }) {
  const navigate = useNavigate();
  const [sessions, setSessions] = useState<SessionSummary[] | null>(null);
  const [title, setTitle] = useState('');
  const [error, setError] = useState('');
  const refresh = useCallback(() => {
    api<SessionsList>(hostKey, '/api/sessions')
      .then((r) => setSessions(r.sessions))
      .catch((e: Error) => setError(e.message));
  }, [hostKey]);
  useEffect(refresh, [refresh]);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const created = await api<{ code: string }>(hostKey, '/api/sessions', { method: 'POST', body: JSON.stringify({ title }) });
      navigate(`/console/${created.code}`);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const act = async (session: SessionSummary, action: 'end' | 'delete') => {
    if (action === 'delete' && !confirm(`Delete “${session.title}” and everything in it? This cannot be undone.`)) return;
    try {
      await api(hostKey, action === 'end' ? `/api/sessions/${session.id}/end` : `/api/sessions/${session.id}`, {
        method: action === 'end' ? 'POST' : 'DELETE',
      });
      refresh();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div className="page">
      <PageHeader
        eyebrow="Facilitator"
        title="Sessions"
        lead="Start a session for today's room, or resume one. Ended sessions stay readable."
      />
      <HostStorageBanner hostKey={hostKey} />
      <RoomCheck hostKey={hostKey} />
      <form onSubmit={create} className="card" style={{ display: 'flex', gap: 10, alignItems: 'end' }}>
        <div className="form-row" style={{ flex: 1, margin: 0 }}>
          <label htmlFor="session-title">New session title</label>
          <input
            id="session-title"
            className="input"
            value={title}
            maxLength={120}
            onChange={(e) => setTitle(e.target.value)}
            placeholder="From DevOps to MLOps — room 4"
          />
        </div>
        <button className="btn btn-primary" type="submit" disabled={!title.trim()}>
          <Play size={18} aria-hidden="true" /> Start session
        </button>
      </form>
      {error ? (
        <p role="alert" style={{ color: 'var(--danger)' }}>
          {error}
        </p>
      ) : null}
      <Section title="Past and current sessions" id="sessions">
        <ImportArchive hostKey={hostKey} onImported={refresh} />
        {sessions === null ? <p className="muted">Loading…</p> : null}
        {sessions?.length === 0 ? <p className="empty">No sessions yet.</p> : null}
        <table>
          <tbody>
            {sessions?.map((s) => (
              <tr key={s.id}>
                <td>
                  <strong>{s.title}</strong>
                  <div className="muted">
                    {new Date(s.createdAt).toLocaleString()} · {s.learners} participants · {s.endedAt ? 'ended' : 'open'}
                  </div>
                </td>
                <td>
                  <code>{s.code}</code>
                </td>
                <td style={{ whiteSpace: 'nowrap' }}>
                  <Link
                    className="btn"
                    to={`/console/${s.code}`}
                    aria-label={`Open ${s.title}`}
                    title={s.endedAt ? 'Opens read-only: everything the room did, and your reflection' : undefined}
                  >
                    {s.endedAt ? 'Open (read-only)' : 'Open'}
                  </Link>{' '}
                  {!s.endedAt ? (
                    <button type="button" className="btn" onClick={() => void act(s, 'end')} aria-label={`End ${s.title}`}>
                      <Square size={16} aria-hidden="true" /> End
                    </button>
                  ) : null}{' '}
                  <button type="button" className="btn" onClick={() => void act(s, 'delete')} aria-label={`Delete ${s.title}`}>
                    <Trash2 size={16} aria-hidden="true" />
                  </button>{' '}
                  <SessionExportButtons hostKey={hostKey} id={s.id} title={s.title} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </div>
  );
}

function SessionConsole({ hostKey, code }: { hostKey: string; code: string }) {
  const { client, join } = useRoom();
  useEffect(() => {
    join({ code, secret: hostKey });
  }, [code, hostKey, join]);
  const meta = useYMapJson<{ title?: string }>(client, 'session', 'meta');
  const participants = useYMapJson<Record<string, Participant>>(client, 'roster', 'participants') ?? {};
  const people = Object.entries(participants).sort(
    ([, a], [, b]) => Number(b.online) - Number(a.online) || (a.name ?? '').localeCompare(b.name ?? ''),
  );
  const online = people.filter(([, p]) => p.online).length;
  const ended = useSessionEnded(client);

  return (
    <div className="page-wide">
      <PageHeader eyebrow={ended ? 'Facilitator console · past session' : 'Facilitator console'} title={meta?.title ?? 'Session'} />
      <EndedBanner client={client}>
        What the room did is below, as it was at the end. Only your reflection can still be written.
      </EndedBanner>
      {client && !ended ? <ConsoleBar client={client} hands={people.filter(([, p]) => p.hand).length} /> : null}
      <StatusIndicator client={client} />
      {client && ended ? (
        <Section title="Your reflection after the session" id="after">
          <FacilitatorReflection client={client} />
        </Section>
      ) : null}
      <HostStorageBanner hostKey={hostKey} />
      {ended ? null : <JoinCard hostKey={hostKey} code={code} className="section" printable />}
      {ended ? null : <RoomCheck hostKey={hostKey} />}
      <SessionExportButtons hostKey={hostKey} code={code} title={meta?.title ?? 'this session'} />
      {client?.welcome && !ended ? (
        <EndSession hostKey={hostKey} sessionId={client.welcome.session.id} title={meta?.title ?? 'this session'} />
      ) : null}
      {/* Ended: the same console, every write control disabled (SessionEnded.tsx); the host refuses writes anyway. */}
      <WritesOff off={ended}>
        {client ? (
          <Section title="Run the session" id="run">
            <LiveConsole client={client} code={code} hostKey={hostKey} />
          </Section>
        ) : null}
        {client ? (
          <div className="grid-2">
            <Section title="Polls and quizzes" id="polls">
              <ConsolePolls client={client} online={online} />
            </Section>
            <Section title="Questions" id="qa">
              <ConsoleQa client={client} />
            </Section>
          </div>
        ) : null}
        {client ? (
          <Section title="Groups and roles" id="groups">
            <ConsoleGroups client={client} participants={participants} />
          </Section>
        ) : null}
        {client ? (
          <Section title="Team work" id="gallery">
            <BroadcastControls client={client} presets={false} />
            <TeamGallery client={client} />
          </Section>
        ) : null}
        {client ? (
          <Section title="MLOps lab" id="lab">
            <ConsoleLab client={client} />
          </Section>
        ) : null}
        {client ? (
          <Section title="Reflection and exit tickets" id="reflection">
            <ConsoleReflection client={client} withReflection={!ended} />
          </Section>
        ) : null}
        {client ? (
          <Section title="ML Test Score per team" id="mltestscore">
            <ConsoleMlTestScores client={client} />
          </Section>
        ) : null}
        {client ? (
          <Section title="Team presentations" id="evaluate">
            <ConsoleEvaluate client={client} />
          </Section>
        ) : null}
      </WritesOff>
      <Section title={`Roster · ${online} online of ${people.length}`} id="roster">
        <ConsoleRoster client={client} people={people} writable={!ended} />
      </Section>
    </div>
  );
}
