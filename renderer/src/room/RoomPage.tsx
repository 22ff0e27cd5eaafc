/**
 * The learner's screen in a room: the session, the current phase, who is here, the room's shared notes, and the
 * connection state. The learner can browse the kit and come back; the connection stays up meanwhile.
 */
import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useContent } from '../content/ContentProvider';
import { deviceStorage } from '../sync/dexieStorage';
import { useConnectionStatus, useRoom, useYMapJson, useYText } from '../sync/RoomProvider';
import { Markdown } from '../ui/Markdown';
import { PageHeader, Section } from '../ui/bits';
import { SharedTextArea } from './SharedTextArea';
import { StatusIndicator } from './StatusIndicator';

export interface Participant {
  name?: string;
  profile?: string | null;
  online?: boolean;
  hand?: boolean;
}

export function RoomPage() {
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const { client, join } = useRoom();
  const { pack } = useContent();
  const { status } = useConnectionStatus(client);

  useEffect(() => {
    if (client?.room === code) return;
    void deviceStorage.loadIdentity(code).then((identity) => {
      if (identity) join({ code });
      else navigate(`/join/${code}`, { replace: true });
    });
  }, [client, code, join, navigate]);

  const meta = useYMapJson<{ title?: string }>(client, 'session', 'meta');
  const state = useYMapJson<{ phase?: string }>(client, 'session', 'state');
  const participants = useYMapJson<Record<string, Participant>>(client, 'roster', 'participants') ?? {};
  const notes = useYText(client, 'room/notes', 'text');
  const phase = pack.phases.find((p) => p.id === state?.phase);
  const online = Object.values(participants).filter((p) => p.online).length;
  const welcome = client?.welcome;

  return (
    <div className="page">
      <PageHeader eyebrow={`Room ${code}`} title={meta?.title ?? client?.welcome?.session.title ?? 'Joining…'} />
      <StatusIndicator client={client} />
      <div className="grid-2 section">
        <div className="card">
          <h2 style={{ marginTop: 0, fontSize: '1.1rem' }}>Now</h2>
          {phase ? (
            <>
              <p>
                <strong>{phase.title}</strong> · {phase.minutes} min
              </p>
              <Markdown text={phase.goal} />
              <Link to={`/kit/phases/${phase.id}`}>What we do in {phase.title}</Link>
            </>
          ) : (
            <p className="muted">The facilitator has not started the first phase yet.</p>
          )}
        </div>
        <div className="card">
          <h2 style={{ marginTop: 0, fontSize: '1.1rem' }}>You</h2>
          {welcome?.role === 'learner' ? (
            <>
              <p>{participants[welcome.learnerId]?.name ?? '…'}</p>
              <p className="muted">
                Rejoin code for another device: <code data-testid="rejoin-code">{welcome.rejoinCode}</code>
              </p>
            </>
          ) : (
            <p className="muted">Connecting…</p>
          )}
          <p className="muted" data-testid="online-count">
            {online} {online === 1 ? 'person' : 'people'} online{status === 'online' ? '' : ' (when last connected)'}
          </p>
        </div>
      </div>
      <Section title="Room notes" id="room-notes">
        {notes ? <SharedTextArea ytext={notes} id="room-notes-text" label="Shared with everyone in the room" readOnly={client?.status === 'ended'} /> : null}
      </Section>
    </div>
  );
}
