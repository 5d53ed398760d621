import type { ConfigInput } from './config-input.ts';
import { describeBadIdentityKey } from './identity-keys.ts';

/** API_UPSTREAMS and the keys that sign what the BFF tells them about the user. */
export function validateUpstreams({
  env,
  upstreams,
  upstreamProblems,
  identityKeys,
  identityKeyProblems,
}: ConfigInput): string[] {
  const problems = [...upstreamProblems, ...identityKeyProblems];
  if (env.IDENTITY_SIGNING_KEYS !== undefined && identityKeys.length === 0) {
    problems.push('IDENTITY_SIGNING_KEYS holds no PEM private key (-----BEGIN PRIVATE KEY----- …)');
  }
  identityKeys.forEach((pem, i) => {
    const why = describeBadIdentityKey(pem);
    // Security: the key's position, never the key, goes into the message.
    if (why !== undefined) problems.push(`IDENTITY_SIGNING_KEYS key ${i + 1} ${why}`);
  });
  const needsIdentity = upstreams.filter((u) => !u.anonymous).map((u) => u.name);
  if (needsIdentity.length > 0 && identityKeys.length === 0 && identityKeyProblems.length === 0) {
    problems.push(
      `IDENTITY_SIGNING_KEYS is missing: the upstreams ${needsIdentity.join(', ')} get a signed identity; ` +
        'make a key with `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`',
    );
  }
  return problems;
}
