import { describe, expect, it } from 'vitest';
import { isOpenableJoinUrl, parseIpcRequest } from './ipcRequests';

describe('parseIpcRequest', () => {
  it('accepts well-formed requests and refuses everything else', () => {
    expect(parseIpcRequest('host:start', { title: ' Room 4 ' })).toEqual({ title: 'Room 4' });
    expect(parseIpcRequest('app:info', undefined)).toBeNull();
    expect(() => parseIpcRequest('host:start', { title: '' })).toThrow(/a session needs a title/);
    expect(() => parseIpcRequest('host:start', { title: 'x', admin: true })).toThrow(/invalid host:start/);
    expect(() => parseIpcRequest('host:start', 'Room 4')).toThrow();
    expect(() => parseIpcRequest('app:info', { sneaky: 1 })).toThrow();
    expect(parseIpcRequest('presenter:open', { path: '/present/K7M2QX#key=abcdefghijklmnop' })).toEqual({ path: '/present/K7M2QX#key=abcdefghijklmnop' });
    expect(() => parseIpcRequest('presenter:open', { path: 'https://evil.example/present/K7M2QX#key=abcdefghijklmnop' })).toThrow(/not a presenter path/);
  });
});

describe('isOpenableJoinUrl', () => {
  const found = new Set(['http://192.168.1.20:8737/join/K7M2QX', 'file:///etc/passwd', 'http://192.168.1.20:8737/admin']);
  it('opens only join links that discovery found', () => {
    expect(isOpenableJoinUrl('http://192.168.1.20:8737/join/K7M2QX', found)).toBe(true);
    expect(isOpenableJoinUrl('http://192.168.1.21:8737/join/K7M2QX', found)).toBe(false);
    expect(isOpenableJoinUrl('file:///etc/passwd', found)).toBe(false);
    expect(isOpenableJoinUrl('http://192.168.1.20:8737/admin', found)).toBe(false);
  });
});
