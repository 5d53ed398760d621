import { describe, expect, it } from 'vitest';
import { mayUseUpstream } from './upstream-access.ts';

const none = { orgs: [], teams: [], users: [] };
const memberships = { orgs: ['acme'], teams: ['acme/core'] };

describe('mayUseUpstream', () => {
  it('admits every signed-in user when no list is set', () => {
    expect(mayUseUpstream(none, 'anyone', undefined)).toBe(true);
  });
  it('admits a named user, whatever the case', () => {
    expect(mayUseUpstream({ ...none, users: ['mona'] }, 'Mona', undefined)).toBe(true);
    expect(mayUseUpstream({ ...none, users: ['mona'] }, 'hubot', memberships)).toBe(false);
  });
  it('admits members of a named org or team, and no one without known memberships', () => {
    expect(mayUseUpstream({ ...none, orgs: ['acme'] }, 'x', memberships)).toBe(true);
    expect(mayUseUpstream({ ...none, orgs: ['other'] }, 'x', memberships)).toBe(false);
    expect(mayUseUpstream({ ...none, teams: [{ org: 'acme', slug: 'core' }] }, 'x', memberships)).toBe(true);
    expect(mayUseUpstream({ ...none, teams: [{ org: 'acme', slug: 'ops' }] }, 'x', memberships)).toBe(false);
    expect(mayUseUpstream({ ...none, orgs: ['acme'] }, 'x', undefined)).toBe(false);
  });
});
