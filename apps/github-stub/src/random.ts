import { randomBytes, randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlphanumeric(length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += ALPHANUMERIC.charAt(randomInt(ALPHANUMERIC.length));
  return out;
}

/** GitHub's authorization codes are 20 hex characters. */
export function createAuthorizationCodeValue(): string {
  return randomBytes(10).toString('hex');
}
