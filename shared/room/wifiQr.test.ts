import { describe, expect, it } from 'vitest';
import { wifiPayload } from './wifiQr';

describe('Wi-Fi QR payload', () => {
  it('writes the WIFI: format with the special characters escaped', () => {
    expect(wifiPayload({ ssid: 'Room 4', password: 'secret-pass', security: 'WPA' })).toEqual({
      ok: true,
      text: 'WIFI:T:WPA;S:Room 4;P:secret-pass;;',
    });
    expect(wifiPayload({ ssid: 'a;b,c', password: 'p:"q"\\r;s', security: 'WPA', hidden: true })).toEqual({
      ok: true,
      text: 'WIFI:T:WPA;S:a\\;b\\,c;P:p\\:\\"q\\"\\\\r\\;s;H:true;;',
    });
    expect(wifiPayload({ ssid: 'Open', password: 'ignored', security: 'nopass' })).toEqual({ ok: true, text: 'WIFI:T:nopass;S:Open;;' });
  });

  it('refuses what a phone could not join, saying what to fix', () => {
    expect(wifiPayload({ ssid: ' ', password: 'x', security: 'WPA' })).toMatchObject({
      ok: false,
      message: 'type the network name (SSID)',
    });
    expect(wifiPayload({ ssid: 'Room', password: 'short', security: 'WPA' })).toMatchObject({
      ok: false,
      message: 'a WPA password has 8 to 63 characters',
    });
    expect(wifiPayload({ ssid: 'Room', password: '', security: 'WEP' })).toMatchObject({ ok: false });
  });
});
