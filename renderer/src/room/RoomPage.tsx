/**
 * The learner's screen in a room: it follows the facilitator (the phase and its clock, whatever is pushed: a slide, a
 * kit item, a poll), with the room's shared notes, the Q&A, a raised hand, and the connection state. The learner
 * can browse the kit and come back; the connection stays up meanwhile. Once the session has ended, the same screen
 * says so and shows everything read-only (SessionEnded.tsx). The room comes first: what is on the projector sits at
 * the top (in view on a phone without scrolling); the cues (phase change, messages, offline, eyes on the front) are
 * pinned in view by the layout (live/CueBar.tsx).
 */
import { useEffect } from 'react';
import { Disclosure } from '../ui/Disclosure';
import { Link, useNavigate, useParams } from 'react-router';
import { effectivePhase } from '../../../shared/room/sessionState';
import { useContent } from '../content/ContentProvider';
import { LearnerQa, PhaseClock, PushedItem, RaiseHand } from '../live/LearnerLive';
import { CueSoundToggle } from '../live/CueBar';
import { RoomBoard } from './RoomBoard';
import { useNow, useSessionState } from '../live/liveState';
import { ChooseGroup, MyGroup } from '../live/MyGroup';
import { SharedTeams } from '../live/TeamGallery';
import { LearnerEvaluate } from '../live/ScoreForm';
import { MoveRequestPrompt, RejoinCode } from '../live/RejoinPrompt';
import { deviceStorage } from '../sync/dexieStorage';
import { useClientStatus, useRoom, useYMapJson, useYText } from '../sync/RoomProvider';
import { Markdown } from '../ui/Markdown';
import { PageHeader, Section } from '../ui/bits';
import { SharedTextArea } from './SharedTextArea';
import { LearnerJournal } from '../reflect/LearnerJournal';
import { ExportMyWork } from '../reflect/ExportMyWork';
import { StatusIndicator } from './StatusIndicator';
import { EndedBanner, WritesOff, useSessionEnded } from './SessionEnded';

export interface Participant {
  name?: string;
  online?: boolean;
  hand?: boolean;
}

export function RoomPage() {
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const { client, join } = useRoom();
  const { pack } = useContent();
  const status = useClientStatus(client);
  const ended = useSessionEnded(client);

  useEffect(() => {
    if (client?.room === code) return;
    void deviceStorage.loadIdentity(code).then((identity) => {
      if (identity) join({ code });
      else navigate(`/join/${code}`, { replace: true });
    });
  }, [client, code, join, navigate]);

  const meta = useYMapJson<{ title?: string }>(client, 'session', 'meta');
  const state = useSessionState(client);
  const now = useNow(1000, client);
  const participants = useYMapJson<Record<string, Participant>>(client, 'roster', 'participants') ?? {};
  const notes = useYText(client, 'room/notes', 'text');
  const phase = pack.phases.find((p) => p.id === effectivePhase(state, now));
  const online = Object.values(participants).filter((p) => p.online).length;
  const welcome = client?.welcome;
  const me = welcome?.role === 'learner' ? participants[welcome.learnerId] : undefined;

  return (
    <div className="page room-page">
      <PageHeader eyebrow={`Room ${code}`} title={meta?.title ?? client?.welcome?.session.title ?? 'Joining…'} />
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
        {/* The pinned cue bar announces reconnecting/offline to learners (app/Layout.tsx mounts it for them). */}
        <StatusIndicator client={client} cueBar={welcome?.role !== 'facilitator'} />
        {client && welcome?.role === 'learner' && status === 'online' ? <RaiseHand client={client} raised={!!me?.hand} /> : null}
      </div>
      <EndedBanner client={client}>Your work is kept as it was at the end: you can still read it here.</EndedBanner>
      {client ? <MoveRequestPrompt client={client} /> : null}
      {client && state.pushed ? (
        <WritesOff off={ended}>
          <Section title="On the projector" id="pushed">
            <PushedItem client={client} />
          </Section>
        </WritesOff>
      ) : null}
      <div className="grid-2 section">
        <div className="card" data-testid="now-card">
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
            <h2 style={{ marginTop: 0, fontSize: '1.1rem' }}>Now</h2>
            {client ? <PhaseClock client={client} /> : null}
          </div>
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
              <p>{me?.name ?? '…'}</p>
              <RejoinCode code={welcome.rejoinCode} />
              <CueSoundToggle />
            </>
          ) : (
            <p className="muted">Connecting…</p>
          )}
          <p className="muted" data-testid="online-count">
            {online} {online === 1 ? 'person' : 'people'} online{status === 'online' ? '' : ' (when last connected)'}
          </p>
        </div>
      </div>
      {/* Ended: read it all, write nothing (SessionEnded.tsx; the host refuses writes anyway). */}
      <WritesOff off={ended}>
        {client ? <ChooseGroup client={client} participants={participants} /> : null}
        {client ? <MyGroup client={client} participants={participants} /> : null}
        {client ? <SharedTeams client={client} viewer={participants[client.welcome?.learnerId ?? '']?.name ?? 'Guest'} /> : null}
        {client ? <LearnerEvaluate client={client} /> : null}
        <Section title="Room notes" id="room-notes">
          {notes ? (
            <SharedTextArea ytext={notes} id="room-notes-text" label="Shared with everyone in the room" readOnly={client?.readOnly} />
          ) : null}
        </Section>
        {client ? (
          <Section title="Room board" id="room-board">
            <Disclosure
              summary="The whole room's brainstorm board (challenges and solutions)"
              openWhen={state.pushed?.kind === 'brainstorm'}
            >
              <RoomBoard client={client} docName="room/brainstorm" />
            </Disclosure>
          </Section>
        ) : null}
        {client && welcome?.role === 'learner' ? (
          <Section title="My journal" id="journal">
            <LearnerJournal client={client} phaseId={phase?.id ?? null} />
          </Section>
        ) : null}
        {client ? (
          <Section title="Questions" id="questions">
            <LearnerQa client={client} />
          </Section>
        ) : null}
      </WritesOff>
      {client && welcome?.role === 'learner' ? (
        <Section title="Take your work home" id="export-my-work">
          <ExportMyWork client={client} learnerName={me?.name ?? 'Me'} sessionTitle={meta?.title ?? welcome.session.title} />
        </Section>
      ) : null}
    </div>
  );
}
