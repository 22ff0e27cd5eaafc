/**
 * The lesson at a glance: title, audience, duration, objectives with Bloom levels, agenda, materials. In a browser
 * (the kit served by a facilitator's host) "Join a session" with the room-code field comes first, so a learner who
 * typed the host's address rather than the join link is one code away from the room. The page cannot tell which
 * sessions are running (listing them needs the host key, and room codes are not published), so the field is always
 * offered there.
 */
import { Clock, Presentation, Printer, Users } from 'lucide-react';
import { Link } from 'react-router';
import { useContent } from '../content/ContentProvider';
import { Markdown } from '../ui/Markdown';
import { Section } from '../ui/bits';
import { AgendaTimeline, phasesInOrder } from './AgendaTimeline';
import { SessionStart } from '../room/SessionStart';
import { RoomCodeForm } from '../room/JoinPage';
import { platform } from '../platform/bridge';

export function HomePage() {
  const { pack } = useContent();
  const { lesson } = pack;
  const phases = phasesInOrder(lesson.phases, pack.phases);
  const deck = pack.decks[0];
  const materials = [
    { to: '/kit/concepts', title: 'Concepts', n: pack.concepts.length, text: 'The key ideas, each explained for newcomers and for DevOps people.' },
    { to: '/kit/cases', title: 'Case studies', n: pack.cases.length, text: 'The opening scenario, the complex case and real-world applications.' },
    { to: deck ? `/kit/decks/${deck.id}` : '/kit/diagrams', title: 'Slides', n: pack.decks.reduce((n, d) => n + d.slides.length, 0), text: 'The Explain deck with speaker notes and framework diagrams.' },
    ...(pack.lab?.length ? [{ to: '/kit/lab', title: 'MLOps lab', n: pack.lab.length, text: 'A sandbox in the browser: train, track, register, deploy, watch drift.' }] : []),
    { to: '/kit/tools', title: 'Tool cards', n: pack.tools.length, text: 'What each MLOps tool does and where it fits, offline.' },
    { to: '/kit/polls', title: 'Polls & quizzes', n: pack.polls.reduce((n, b) => n + b.polls.length, 0), text: 'Questions to ask the room, with answers and explanations.' },
    { to: '/kit/resources', title: 'Resources', n: pack.resources.length, text: 'References and curated reading by level, summarised offline.' },
  ];
  const browser = platform().kind === 'browser';
  return (
    <div className="page">
      {browser ? (
        <section className="card home-join no-print" aria-labelledby="home-join-title" data-testid="home-join">
          <h2 id="home-join-title">Join a session</h2>
          <p className="muted">Type the room code shown on the projector.</p>
          <RoomCodeForm id="home-room-code" inline />
        </section>
      ) : null}
      <header className="page-header">
        <div className="eyebrow">Workshop</div>
        <h1>{lesson.title}</h1>
        {lesson.subtitle ? <p className="lead">{lesson.subtitle}</p> : null}
        <div className="tags" style={{ marginTop: 12 }}>
          <span className="tag">
            <Clock size={14} aria-hidden="true" /> {lesson.durationMinutes / 60} hours ({lesson.durationMinutes} min)
          </span>
          <span className="tag">
            <Users size={14} aria-hidden="true" /> {phases.length} phases
          </span>
        </div>
        <div className="page-actions no-print">
          <Link className="btn btn-primary" to="/kit/agenda">
            Start with the agenda
          </Link>
          {deck ? (
            <Link className="btn" to={`/kit/decks/${deck.id}`}>
              <Presentation size={18} aria-hidden="true" /> Slides
            </Link>
          ) : null}
          <Link className="btn" to="/kit/guide">
            <Printer size={18} aria-hidden="true" /> Facilitator guide
          </Link>
        </div>
      </header>

      <div className="grid-2">
        <div className="card">
          <h2 style={{ marginTop: 0, fontSize: '1.1rem' }}>Audience</h2>
          <Markdown text={lesson.audience} />
        </div>
        <div className="card">
          <h2 style={{ marginTop: 0, fontSize: '1.1rem' }}>Duration</h2>
          <p>
            {lesson.durationMinutes} minutes: {phases.map((p) => `${p.title} ${p.minutes}`).join(' · ')}
          </p>
        </div>
      </div>
      {lesson.summary ? (
        <div className="section">
          <Markdown text={lesson.summary} />
        </div>
      ) : null}

      <Section title="Run or join a live session" id="session">
        <SessionStart />
      </Section>

      <Section title="Learning objectives" id="objectives">
        <table>
          <thead>
            <tr>
              <th scope="col">Objective</th>
              <th scope="col">Bloom&apos;s level</th>
            </tr>
          </thead>
          <tbody>
            {lesson.objectives.map((o) => (
              <tr key={o.id}>
                <td>
                  <Markdown text={o.text} inline />
                </td>
                <td>
                  <span className="tag bloom">{o.bloom}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      <Section title="Agenda" id="agenda">
        <AgendaTimeline phases={phases} />
      </Section>

      <Section title="In the kit" id="materials">
        <div className="grid">
          {materials.map((m) => (
            <Link key={m.title} to={m.to} className="card card-link">
              <h3>
                {m.title} <span className="muted">({m.n})</span>
              </h3>
              <p className="muted" style={{ margin: 0 }}>
                {m.text}
              </p>
            </Link>
          ))}
        </div>
      </Section>
    </div>
  );
}
