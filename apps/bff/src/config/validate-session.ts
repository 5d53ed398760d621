import type { ConfigInput } from './config-input.ts';
import { describeWeakSecret } from './secret-strength.ts';

const HOW_TO_MAKE_A_KEY = 'make one with `openssl rand -base64 32`';

/** SESSION_SECRET's keys (present and strong) and the store's settings. */
export function validateSession({ secrets }: ConfigInput): string[] {
  const problems: string[] = [];
  if (secrets.length === 0) {
    problems.push(`SESSION_SECRET is missing: set one or more comma-separated random keys; ${HOW_TO_MAKE_A_KEY}`);
  }
  // Security: the key's position, never its value, goes into the message (and so the log).
  secrets.forEach((secret, i) => {
    const weakness = describeWeakSecret(secret);
    if (weakness !== undefined) {
      problems.push(`SESSION_SECRET key ${i + 1} is too weak: it ${weakness}; ${HOW_TO_MAKE_A_KEY}`);
    }
  });
  return problems;
}
