/**
 * Joining a room: type the code (or arrive by a join URL / QR code), give a display name and an experience profile.
 * A device that already joined this room goes straight back in with its stored identity.
 */
import { LogIn } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ROOM_CODE_PATTERN } from '../../../shared/protocol/protocol';
import { normalizeRoomCode } from '../../../shared/room/roomCode';
import { useContent } from '../content/ContentProvider';
import { deviceStorage } from '../sync/dexieStorage';
import { useRoom } from '../sync/RoomProvider';
import { PageHeader } from '../ui/bits';

/** The room code field: a valid code goes to /join/<code>. Used by /join and, first thing, by the home page. */
export function RoomCodeForm({ id = 'room-code', inline = false }: { id?: string; inline?: boolean }) {
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const normalized = normalizeRoomCode(code);
    if (!ROOM_CODE_PATTERN.test(normalized)) {
      setError('A room code has 6 letters and digits, as shown on the projector (for example K7M2QX).');
      return;
    }
    navigate(`/join/${normalized}`);
  };
  return (
    <form onSubmit={submit} className={inline ? 'room-code-form room-code-inline' : 'card'} style={inline ? undefined : { maxWidth: 480 }} noValidate>
      <div className="form-row">
        <label htmlFor={id}>Room code</label>
        <input id={id} className="input room-code-input" autoComplete="off" autoCapitalize="characters" value={code} onChange={(e) => setCode(e.target.value)} aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined} />
        {error ? (
          <p id={`${id}-error`} className="muted" role="alert" style={{ color: 'var(--danger)' }}>
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" className="btn btn-primary">
        <LogIn size={18} aria-hidden="true" /> Continue
      </button>
    </form>
  );
}

export function JoinCodePage() {
  return (
    <div className="page">
      <PageHeader eyebrow="Join a session" title="Enter the room code" lead="The code is on the projector and on the facilitator's screen." />
      <RoomCodeForm />
    </div>
  );
}

export function JoinPage() {
  const { code: rawCode = '' } = useParams();
  const code = normalizeRoomCode(rawCode);
  const navigate = useNavigate();
  const { pack } = useContent();
  const { join } = useRoom();
  const profiles = pack.lesson.profiles ?? [];
  const [name, setName] = useState('');
  const [profile, setProfile] = useState(profiles[0]?.id ?? '');
  const [rejoin, setRejoin] = useState('');
  const [checking, setChecking] = useState(true);
  const [error, setError] = useState('');

  useEffect(() => {
    let live = true;
    void deviceStorage.loadIdentity(code).then((identity) => {
      if (!live) return;
      if (identity) {
        join({ code });
        navigate(`/room/${code}`, { replace: true });
      } else setChecking(false);
    });
    return () => {
      live = false;
    };
  }, [code, join, navigate]);

  if (!ROOM_CODE_PATTERN.test(code)) {
    return (
      <div className="page">
        <PageHeader eyebrow="Join a session" title="That room code does not look right" lead={`“${rawCode}” is not a room code: codes have 6 letters and digits. Check the projector and type it again.`} />
        <button type="button" className="btn btn-primary" onClick={() => navigate('/join')}>
          Type the code
        </button>
      </div>
    );
  }
  if (checking) return <p className="muted">Checking this device…</p>;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError('Please give the name your group will see.');
      return;
    }
    join({ code, name: name.trim(), profile });
    navigate(`/room/${code}`);
  };
  const submitRejoin = (e: FormEvent) => {
    e.preventDefault();
    if (rejoin.trim().length < 6) return;
    join({ code, rejoinCode: rejoin.trim().toUpperCase() });
    navigate(`/room/${code}`);
  };
  return (
    <div className="page">
      <PageHeader eyebrow={`Room ${code}`} title="Join the session" lead="Your name is shown to the facilitator and your team. Your experience helps form mixed groups." />
      <form onSubmit={submit} className="card" style={{ maxWidth: 520 }} noValidate>
        <div className="form-row">
          <label htmlFor="display-name">Display name</label>
          <input id="display-name" className="input" maxLength={60} autoComplete="nickname" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={!!error} />
        </div>
        <div className="form-row">
          <label htmlFor="profile">Your background</label>
          <select id="profile" className="input" value={profile} onChange={(e) => setProfile(e.target.value)}>
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        {error ? (
          <p role="alert" style={{ color: 'var(--danger)' }}>
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary">
          <LogIn size={18} aria-hidden="true" /> Join room {code}
        </button>
      </form>
      <details className="card section" style={{ maxWidth: 520 }}>
        <summary>Already joined on another device?</summary>
        <form onSubmit={submitRejoin} style={{ marginTop: 12 }}>
          <div className="form-row">
            <label htmlFor="rejoin-code">Rejoin code (shown in the room on your other device)</label>
            <input id="rejoin-code" className="input" value={rejoin} onChange={(e) => setRejoin(e.target.value)} />
          </div>
          <button type="submit" className="btn">
            Continue as me
          </button>
        </form>
      </details>
    </div>
  );
}
