import { createAuthorizationCodeValue } from './random.ts';
import type { AuthorizationCode, StubState } from './state.ts';

// "Codes expire after 10 minutes", and each can be exchanged once.
// https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#2-users-are-redirected-back-to-your-site-by-github
const CODE_LIFETIME_MS = 10 * 60 * 1000;

export function createAuthorizationCode(
  state: StubState,
  grant: Omit<AuthorizationCode, 'code' | 'expiresAt' | 'used'>,
): string {
  const code = createAuthorizationCodeValue();
  state.codes.set(code, {
    ...grant,
    code,
    expiresAt: state.config.now() + CODE_LIFETIME_MS,
    used: false,
  });
  return code;
}

/** The code if it exists, belongs to the client, is unexpired and unused; marks it used. */
export function redeemAuthorizationCode(
  state: StubState,
  code: string | undefined,
  clientId: string,
): AuthorizationCode | undefined {
  const record = code === undefined ? undefined : state.codes.get(code);
  if (!record || record.used || record.clientId !== clientId) return undefined;
  if (record.expiresAt <= state.config.now()) return undefined;
  record.used = true;
  return record;
}
