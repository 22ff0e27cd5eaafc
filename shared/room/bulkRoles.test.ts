import { describe, expect, it } from 'vitest';
import { dealRoles } from './bulkRoles';

const group = (members: string[], roles: Record<string, string> = {}) => ({ id: 'team-1', name: 'Team 1', members, roles });

describe('dealRoles', () => {
  it('gives every member without a role one, different roles first', () => {
    expect(dealRoles(group(['a', 'b', 'c']), {}, ['lead', 'ops', 'data'])).toEqual({ a: 'lead', b: 'ops', c: 'data' });
  });
  it('keeps assigned roles and team picks, and deals the roles nobody holds first', () => {
    expect(dealRoles(group(['a', 'b', 'c'], { a: 'ops' }), { b: 'lead' }, ['lead', 'ops', 'data'])).toEqual({ a: 'ops', c: 'data' });
  });
  it('starts over when the team has more members than roles', () => {
    expect(dealRoles(group(['a', 'b', 'c']), {}, ['lead', 'ops'])).toEqual({ a: 'lead', b: 'ops', c: 'lead' });
  });
});
