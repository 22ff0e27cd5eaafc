/**
 * The printable join card (`/join-card/<code>`, facilitator): one A4 or A5 page for the tables or the door — the
 * session's title, the room code, and per LAN address a QR code with its join URL; with the network's name and
 * password typed in, a Wi-Fi QR code first ("1. Join the Wi-Fi", "2. Open the kit").
 *
 * Owns: that page and its print stylesheet. The Wi-Fi password lives in this component's state only: it is never
 * written to storage, sent to the host, or put in the address bar; closing the tab forgets it.
 */
import QRCode from 'qrcode';
import { Printer } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { wifiPayload, type WifiSecurity } from '../../../shared/room/wifiQr';
import { useHostKey } from './ConsolePage';
import { useJoinBases } from './JoinCard';

function useQr(text: string | null): string | null {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    if (!text) {
      setSvg(null);
      return;
    }
    let live = true;
    void QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((s) => {
      if (live) setSvg(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(s)}`);
    });
    return () => {
      live = false;
    };
  }, [text]);
  return svg;
}

function useSessionTitle(hostKey: string, code: string): string {
  const [title, setTitle] = useState('');
  useEffect(() => {
    fetch('/api/sessions', { headers: { Authorization: `Bearer ${hostKey}` } })
      .then((r) => r.json() as Promise<{ sessions?: { code: string; title: string; endedAt: string | null }[] }>)
      .then((r) => setTitle(r.sessions?.find((s) => s.code === code && !s.endedAt)?.title ?? ''))
      .catch(() => undefined);
  }, [hostKey, code]);
  return title;
}

function JoinQr({ url }: { url: string }) {
  const qr = useQr(url);
  return (
    <figure className="print-card-qr" data-testid="join-qr" data-url={url}>
      {qr ? <img src={qr} alt={`QR code for ${url}`} /> : null}
      <figcaption>
        <code>{url}</code>
      </figcaption>
    </figure>
  );
}

export function PrintableJoinCard() {
  const hostKey = useHostKey();
  const { code = '' } = useParams();
  if (!hostKey) return <p className="page">Open this page from the facilitator console (it needs the facilitator link).</p>;
  return <Card hostKey={hostKey} code={code} />;
}

function Card({ hostKey, code }: { hostKey: string; code: string }) {
  const bases = useJoinBases(hostKey);
  const title = useSessionTitle(hostKey, code);
  const [size, setSize] = useState<'A4' | 'A5'>('A4');
  const [ssid, setSsid] = useState('');
  const [password, setPassword] = useState('');
  const [security, setSecurity] = useState<WifiSecurity>('WPA');
  const [showPassword, setShowPassword] = useState(true);
  const wifi = ssid.trim() ? wifiPayload({ ssid, password, security }) : null;
  const wifiQr = useQr(wifi?.ok ? wifi.text : null);
  return (
    <div className={`print-card print-card-${size.toLowerCase()}`} data-testid="printable-join-card">
      <style>{`@page { size: ${size} portrait; margin: 12mm; }`}</style>
      <form className="print-card-controls no-print card" onSubmit={(e) => e.preventDefault()} autoComplete="off">
        <h2>Printable join card</h2>
        <p className="muted">
          Print it for the tables or the door. The Wi-Fi details stay on this page: they are not saved anywhere and are gone when you close
          it.
        </p>
        <fieldset>
          <legend>Paper</legend>
          {(['A4', 'A5'] as const).map((s) => (
            <label key={s}>
              <input type="radio" name="size" checked={size === s} onChange={() => setSize(s)} /> {s}
            </label>
          ))}
        </fieldset>
        <div className="form-row">
          <label htmlFor="wifi-ssid">Wi-Fi network name (optional)</label>
          <input id="wifi-ssid" className="input" value={ssid} maxLength={32} onChange={(e) => setSsid(e.target.value)} />
        </div>
        <div className="form-row">
          <label htmlFor="wifi-security">Security</label>
          <select id="wifi-security" value={security} onChange={(e) => setSecurity(e.target.value as WifiSecurity)}>
            <option value="WPA">WPA/WPA2/WPA3</option>
            <option value="WEP">WEP</option>
            <option value="nopass">No password</option>
          </select>
        </div>
        {security !== 'nopass' ? (
          <div className="form-row">
            <label htmlFor="wifi-password">Wi-Fi password</label>
            <input
              id="wifi-password"
              className="input"
              type="password"
              autoComplete="new-password"
              value={password}
              maxLength={63}
              onChange={(e) => setPassword(e.target.value)}
            />
            <label>
              <input type="checkbox" checked={showPassword} onChange={(e) => setShowPassword(e.target.checked)} /> Print the password as
              text too
            </label>
          </div>
        ) : null}
        {wifi && !wifi.ok ? (
          <p role="alert" style={{ color: 'var(--danger)' }}>
            Wi-Fi QR code: {wifi.message}.
          </p>
        ) : null}
        <button type="button" className="btn btn-primary" onClick={() => window.print()}>
          <Printer size={16} aria-hidden="true" /> Print
        </button>
      </form>

      <article className="print-card-page" aria-label="Join card to print">
        <h1>{title || 'Workshop'}</h1>
        <p className="print-card-lead">Join the workshop on your phone or laptop</p>
        <div className="print-card-steps">
          {wifi?.ok && wifiQr ? (
            <section data-testid="wifi-card">
              <h2>1. Join the Wi-Fi</h2>
              <figure className="print-card-qr">
                <img src={wifiQr} alt={`QR code to join the Wi-Fi network ${ssid}`} />
                <figcaption>
                  Network <strong>{ssid}</strong>
                  {security !== 'nopass' && showPassword ? (
                    <>
                      <br />
                      Password <code>{password}</code>
                    </>
                  ) : null}
                </figcaption>
              </figure>
            </section>
          ) : null}
          <section>
            <h2>{wifi?.ok ? '2. Open the kit' : 'Open the kit'}</h2>
            {bases.map((base) => (
              <JoinQr key={base} url={`${base}join/${code}`} />
            ))}
          </section>
        </div>
        <p className="print-card-code">
          Room code <strong data-testid="print-room-code">{code}</strong>
        </p>
        <p className="muted">No internet needed: the kit runs on the facilitator's laptop in this room.</p>
      </article>
    </div>
  );
}
