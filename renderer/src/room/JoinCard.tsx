/** The join card for the projector and the console: join links for each LAN address, the room code, a QR code made here. */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';

export function useJoinBases(hostKey: string): string[] {
  const [bases, setBases] = useState<string[]>([]);
  useEffect(() => {
    fetch('/api/sessions', { headers: { Authorization: `Bearer ${hostKey}` } })
      .then((r) => r.json() as Promise<{ joinBases?: string[] }>)
      .then((r) => setBases(r.joinBases?.length ? r.joinBases : [`${location.origin}/`]))
      .catch(() => setBases([`${location.origin}/`]));
  }, [hostKey]);
  return bases;
}

export function JoinCard({
  hostKey,
  code,
  className = '',
  printable = false,
}: {
  hostKey: string;
  code: string;
  className?: string;
  printable?: boolean;
}) {
  const bases = useJoinBases(hostKey);
  const [qr, setQr] = useState<string | null>(null);
  const joinUrl = `${bases[0] ?? `${location.origin}/`}join/${code}`;
  useEffect(() => {
    void QRCode.toString(joinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) =>
      setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
    );
  }, [joinUrl]);
  return (
    <section className={`card join-card ${className}`} aria-label="Join card">
      <div>
        <div className="eyebrow">Join at</div>
        {bases.map((base) => (
          <div key={base} className="ext-link" style={{ fontSize: '1.2em' }}>
            {base}join/{code}
          </div>
        ))}
        <div className="eyebrow" style={{ marginTop: 16 }}>
          Room code
        </div>
        <div className="room-code" data-testid="room-code">
          {code}
        </div>
        {printable ? (
          <Link className="btn no-print" to={`/join-card/${code}`} target="_blank" style={{ marginTop: 12 }}>
            Printable join card (with a Wi-Fi QR code)
          </Link>
        ) : null}
      </div>
      {qr ? <img className="qr" src={qr} alt={`QR code for ${joinUrl}`} /> : null}
    </section>
  );
}
