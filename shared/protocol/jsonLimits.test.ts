import { describe, expect, it } from 'vitest';
import { jsonNestsDeeperThan } from './jsonLimits';
import { parseClientText } from './protocol';

describe('jsonNestsDeeperThan', () => {
  it('counts brackets outside strings only', () => {
    expect(jsonNestsDeeperThan('{"a":[1,{"b":2}]}', 3)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":[1,{"b":2}]}', 2)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":"[[[[[[[[[[\\\\\\"[[["}', 1)).toBe(false);
  });
});

describe('parseClientText bounds', () => {
  it('refuses deep or large text before parsing it', () => {
    expect(parseClientText(`{"type":"ping","t":${'['.repeat(5000)}${']'.repeat(5000)}}`)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(parseClientText(`{"type":"ping","pad":"${'x'.repeat(20_000)}"}`)).toMatchObject({ ok: false, reason: 'too-big' });
    expect(parseClientText('{"type":"command","id":"c1","command":{"cmd":"vote","pollId":"p","answer":{"choices":["a"]}}}')).toMatchObject({ ok: true });
  });
});
