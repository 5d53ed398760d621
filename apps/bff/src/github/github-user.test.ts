import { describe, expect, it } from 'vitest';
import { choosePrimaryEmail } from './github-user.ts';

describe('choosePrimaryEmail', () => {
  it('takes the primary verified address', () => {
    expect(
      choosePrimaryEmail([
        { email: 'old@example.com', primary: false, verified: true },
        { email: 'me@example.com', primary: true, verified: true },
      ]),
    ).toBe('me@example.com');
  });

  it('refuses an unverified primary address rather than show it as the user’s', () => {
    expect(
      choosePrimaryEmail([
        { email: 'me@example.com', primary: true, verified: false },
        { email: 'other@example.com', primary: false, verified: true },
      ]),
    ).toBeNull();
  });

  it('is null when there are no addresses', () => {
    expect(choosePrimaryEmail([])).toBeNull();
  });
});
