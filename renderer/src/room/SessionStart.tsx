/**
 * "Host a session" and "Sessions nearby" on the home page. In the desktop app both work from here; in a
 * browser (which can neither open a port nor browse the LAN) it says how to do it instead.
 */
import { Radar, Radio } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { DEFAULT_SESSION_TITLE, NEARBY_PATH, type NearbySession } from '../../../shared/ipc/contract';
import { platform } from '../platform/bridge';

export function SessionStart() {
  const desktop = platform();
  const navigate = useNavigate();
  const [title, setTitle] = useState(DEFAULT_SESSION_TITLE);
  const [error, setError] = useState('');
  const [nearby, setNearby] = useState<NearbySession[] | null>(null);
  const [searching, setSearching] = useState(false);

  const host = async (e: FormEvent) => {
    e.preventDefault();
    if (!desktop.hostSession) return;
    try {
      const session = await desktop.hostSession(title);
      navigate(session.consolePath);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const search = async () => {
    if (!desktop.sessionsNearby) return;
    setSearching(true);
    try {
      setNearby(await desktop.sessionsNearby());
    } finally {
      setSearching(false);
    }
  };
  // The app menu's "Sessions nearby…" comes here (NEARBY_PATH) and looks at once, each time it is chosen.
  const location = useLocation();
  const fromMenu = desktop.kind === 'desktop' && `${location.pathname}${location.hash}` === NEARBY_PATH ? location.key : null;
  const [answered, setAnswered] = useState<string | null>(null);
  useEffect(() => {
    const look = platform().sessionsNearby;
    if (fromMenu === null || !look) return;
    let live = true;
    document.getElementById('sessions-nearby')?.scrollIntoView();
    const done = (found: NearbySession[]) => {
      if (!live) return;
      setNearby(found);
      setAnswered(fromMenu);
    };
    look().then(done, () => done([]));
    return () => {
      live = false;
    };
  }, [fromMenu]);
  const looking = searching || (fromMenu !== null && answered !== fromMenu);

  if (desktop.kind === 'browser') {
    return (
      <div className="grid-2">
        <div className="card">
          <h3>
            <Radio size={18} aria-hidden="true" /> Join a session
          </h3>
          <p className="muted">Type the room code shown on the projector, or scan its QR code.</p>
          <Link className="btn btn-primary" to="/join">
            Join with a room code
          </Link>
        </div>
        <div className="card">
          <h3>Host a session</h3>
          <p className="muted">
            Hosting needs the desktop app, or on the facilitator&apos;s laptop: <code>npm run host -- --session &quot;Title&quot;</code>. It prints
            the room code, the join links and your facilitator link.
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="grid-2">
      <form className="card" onSubmit={host}>
        <h3>
          <Radio size={18} aria-hidden="true" /> Host a session
        </h3>
        <div className="form-row">
          <label htmlFor="host-title">Session title</label>
          <input id="host-title" className="input" value={title} maxLength={120} onChange={(e) => setTitle(e.target.value)} />
        </div>
        {error ? <p role="alert">{error}</p> : null}
        <button className="btn btn-primary" type="submit" disabled={!title.trim()}>
          Host on this network
        </button>
      </form>
      <div className="card" id="sessions-nearby">
        <h3>
          <Radar size={18} aria-hidden="true" /> Sessions nearby
        </h3>
        <button type="button" className="btn" onClick={() => void search()} disabled={looking}>
          {looking ? 'Looking…' : 'Look for sessions'}
        </button>
        {nearby && nearby.length > 0 ? (
          <ul className="list" data-testid="nearby">
            {nearby.map((s) => (
              <li key={`${s.code}-${s.urls[0]}`}>
                <button type="button" className="btn" onClick={() => void desktop.openNearby?.(s.urls[0] ?? '')}>
                  {s.title} <code>{s.code}</code>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        {nearby && nearby.length === 0 ? (
          <div className="callout callout-warn" role="status">
            <strong>No session found nearby.</strong> Check that you are on the same Wi-Fi as the facilitator (not a guest network), that the
            facilitator&apos;s firewall allows the kit, or type the address shown on the projector into a browser, or{' '}
            <Link to="/join">enter the room code</Link>.
          </div>
        ) : null}
      </div>
    </div>
  );
}
