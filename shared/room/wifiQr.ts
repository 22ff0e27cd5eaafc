/**
 * The Wi-Fi QR code's text (the "WIFI:" format phones' cameras read, as ZXing defines it): a learner scans it
 * to join the room's network, then the join QR code beside it.
 *
 * Owns: escaping (\ ; , : " are escaped with a backslash) and the security types. Nothing here is stored.
 */
export type WifiSecurity = 'WPA' | 'WEP' | 'nopass';

const escape = (value: string): string => value.replace(/([\\;,:"])/g, '\\$1');

export interface WifiNetwork {
  ssid: string;
  password: string;
  security: WifiSecurity;
  hidden?: boolean;
}

/** The payload, or an error that says what to fix. */
export function wifiPayload(network: WifiNetwork): { ok: true; text: string } | { ok: false; message: string } {
  const ssid = network.ssid.trim();
  if (!ssid) return { ok: false, message: 'type the network name (SSID)' };
  if (ssid.length > 32) return { ok: false, message: 'a network name has at most 32 characters' };
  if (network.security !== 'nopass') {
    if (!network.password) return { ok: false, message: 'type the password, or choose "no password" for an open network' };
    if (network.security === 'WPA' && (network.password.length < 8 || network.password.length > 63))
      return { ok: false, message: 'a WPA password has 8 to 63 characters' };
  }
  const parts = [`T:${network.security}`, `S:${escape(ssid)}`];
  if (network.security !== 'nopass') parts.push(`P:${escape(network.password)}`);
  if (network.hidden) parts.push('H:true');
  return { ok: true, text: `WIFI:${parts.join(';')};;` };
}
