/**
 * The kit's frame: a sidebar with the whole lesson at a glance, and the page. On narrow screens (< 760 px, a phone
 * that scanned the QR code) the sidebar folds behind a Menu button (a disclosure: aria-expanded, Escape closes it),
 * so the room comes first. In a room, learners get the pinned cue bar (live/CueBar.tsx) on every page.
 */
import {
  BookOpen, CalendarClock, DoorOpen, FlaskRound, Menu, Radio, X, ClipboardCheck, FileText, FlaskConical, Gauge, Home, Lightbulb, LayoutTemplate,
  Library, ListChecks, Moon, Network, Presentation, Printer, ShieldCheck, Sun, Users, Vote, Wrench, BookA,
} from 'lucide-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { GlossaryScope } from '../content/GlossaryLinks';

/** Kit pages link the first use of a glossary term; the room, the printouts and the glossary itself do not. */
const linksTerms = (pathname: string) => pathname.startsWith('/kit/') && !/^\/kit\/(glossary|guide|handout)\b/.test(pathname);
import { useContent } from '../content/ContentProvider';
import { useTheme } from './theme';
import { useClientStatus, useRoom } from '../sync/RoomProvider';
import { StatusIndicator } from '../room/StatusIndicator';
import { useRecall } from '../live/Broadcast';
import { CueBar } from '../live/CueBar';

function Item({ to, icon, children, meta }: { to: string; icon?: ReactNode; children: ReactNode; meta?: string }) {
  return (
    <li>
      <NavLink to={to} end={to === '/'} className="nav-link">
        {icon}
        <span>{children}</span>
        {meta ? <span className="meta">{meta}</span> : null}
      </NavLink>
    </li>
  );
}

export function Layout() {
  const { pack } = useContent();
  const [theme, toggleTheme] = useTheme();
  const { client } = useRoom();
  useClientStatus(client);
  useRecall(client);
  const first = <T extends { id: string }>(items: T[]) => items[0]?.id;
  const deck = first(pack.decks);
  const template = first(pack.templates);
  const rubric = first(pack.rubrics);
  const worksheet = first(pack.worksheets);
  const mts = first(pack.mltestscore);
  const phaseOrder = pack.lesson.phases.map((id) => pack.phases.find((p) => p.id === id)).filter((p) => p !== undefined);
  const s = 18;
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();
  useEffect(() => setMenuOpen(false), [pathname]);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);
  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <div className="topbar">
        <NavLink to="/" className="brand" aria-label="Workshop Kit: lesson overview">
          <img src="/favicon.svg" alt="" />
          <strong>Workshop Kit</strong>
        </NavLink>
        <button ref={menuButton} type="button" className="btn" aria-expanded={menuOpen} aria-controls="kit-nav" onClick={() => setMenuOpen(!menuOpen)}>
          {menuOpen ? <X size={s} aria-hidden="true" /> : <Menu size={s} aria-hidden="true" />} Menu
        </button>
      </div>
      <nav className={`sidebar${menuOpen ? ' open' : ''}`} id="kit-nav" aria-label="Kit">
        {/* Named by its visible text (kit and lesson title), so a voice user can say what they see. */}
        <NavLink to="/" className="brand">
          <img src="/favicon.svg" alt="" />
          <span>
            <strong>Workshop Kit</strong>
            <span>{pack.lesson.title}</span>
          </span>
        </NavLink>
        <div className="nav-group">
          <h2>Session</h2>
          <ul>
            {client ? (
              <Item to={client.welcome?.role === 'facilitator' ? `/console/${client.room}` : `/room/${client.room}`} icon={<Radio size={s} aria-hidden="true" />} meta={client.room}>
                Back to the room
              </Item>
            ) : (
              <Item to="/join" icon={<DoorOpen size={s} aria-hidden="true" />}>Join a session</Item>
            )}
          </ul>
          {client ? (
            <div style={{ padding: '6px 4px' }}>
              <StatusIndicator client={client} compact />
            </div>
          ) : null}
        </div>
        <div className="nav-group">
          <h2>Lesson</h2>
          <ul>
            <Item to="/" icon={<Home size={s} aria-hidden="true" />}>Overview</Item>
            <Item to="/kit/agenda" icon={<CalendarClock size={s} aria-hidden="true" />} meta={`${pack.lesson.durationMinutes} min`}>Agenda</Item>
            <Item to="/kit/lesson" icon={<BookOpen size={s} aria-hidden="true" />}>Lesson plan</Item>
          </ul>
        </div>
        <div className="nav-group">
          <h2>Phases</h2>
          <ul>
            {phaseOrder.map((p) => (
              <Item key={p.id} to={`/kit/phases/${p.id}`} icon={<span className="phase-dot" style={{ background: `var(--phase-${p.id}, var(--accent))` }} />} meta={`${p.minutes} min`}>
                {p.title}
              </Item>
            ))}
          </ul>
        </div>
        <div className="nav-group">
          <h2>Materials</h2>
          <ul>
            <Item to="/kit/concepts" icon={<Lightbulb size={s} aria-hidden="true" />}>Concepts</Item>
            {pack.glossary?.length ? <Item to="/kit/glossary" icon={<BookA size={s} aria-hidden="true" />}>Glossary</Item> : null}
            <Item to="/kit/cases" icon={<FileText size={s} aria-hidden="true" />}>Case studies</Item>
            {deck ? <Item to={`/kit/decks/${deck}`} icon={<Presentation size={s} aria-hidden="true" />}>Slides</Item> : null}
            <Item to="/kit/diagrams" icon={<Network size={s} aria-hidden="true" />}>Diagrams</Item>
            {worksheet ? <Item to={`/kit/worksheets/${worksheet}`} icon={<ListChecks size={s} aria-hidden="true" />}>Worksheet</Item> : null}
            <Item to="/kit/tools" icon={<Wrench size={s} aria-hidden="true" />}>Tool cards</Item>
            {pack.lab?.length ? <Item to="/kit/lab" icon={<FlaskRound size={s} aria-hidden="true" />}>MLOps lab</Item> : null}
            {template ? <Item to={`/kit/templates/${template}`} icon={<LayoutTemplate size={s} aria-hidden="true" />}>Strategy canvas</Item> : null}
            {rubric ? <Item to={`/kit/rubrics/${rubric}`} icon={<ClipboardCheck size={s} aria-hidden="true" />}>Rubric</Item> : null}
            <Item to="/kit/polls" icon={<Vote size={s} aria-hidden="true" />}>Polls &amp; quizzes</Item>
            <Item to="/kit/resources" icon={<Library size={s} aria-hidden="true" />}>Resources</Item>
            {mts ? <Item to={`/kit/ml-test-score/${mts}`} icon={<Gauge size={s} aria-hidden="true" />}>ML Test Score</Item> : null}
            <Item to="/kit/ethics" icon={<ShieldCheck size={s} aria-hidden="true" />}>Safety &amp; ethics</Item>
            <Item to="/kit/roles" icon={<Users size={s} aria-hidden="true" />}>Team roles</Item>
          </ul>
        </div>
        <div className="nav-group">
          <h2>Print</h2>
          <ul>
            <Item to="/kit/guide" icon={<Printer size={s} aria-hidden="true" />}>Facilitator guide</Item>
            <Item to="/kit/handout" icon={<FlaskConical size={s} aria-hidden="true" />}>Learner handout</Item>
            <Item to="/kit/prework" icon={<BookOpen size={s} aria-hidden="true" />}>Pre-work</Item>
          </ul>
        </div>
        <div className="sidebar-footer">
          <button type="button" className="btn" onClick={toggleTheme} aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}>
            {theme === 'dark' ? <Sun size={s} aria-hidden="true" /> : <Moon size={s} aria-hidden="true" />}
            {theme === 'dark' ? 'Light' : 'Dark'}
          </button>
        </div>
      </nav>
      <main className="main" id="main" tabIndex={-1}>
        {linksTerms(pathname) ? (
          <GlossaryScope pageKey={pathname}>
            <Outlet />
          </GlossaryScope>
        ) : (
          <Outlet />
        )}
      </main>
      {client && client.welcome?.role !== 'facilitator' && !pathname.startsWith('/console') ? <CueBar client={client} /> : null}
    </div>
  );
}
