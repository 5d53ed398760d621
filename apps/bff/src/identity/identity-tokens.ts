import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Config } from '../config/config.ts';
import type { GitHubUser } from '../github/github-user.ts';
import type { SigningKey } from './signing-keys.ts';

/** What the assertion says about the signed-in user. */
export interface IdentitySubject {
  readonly sessionId: string;
  readonly user: GitHubUser;
  readonly orgs?: readonly string[];
  readonly teams?: readonly string[];
}

export interface IdentityTokens {
  /** A signed assertion for `audience`, reused while well within its lifetime. */
  assertionFor(subject: IdentitySubject, audience: string): Promise<string>;
  /** The session ended: no assertion of it is handed out again. */
  forgetSession(sessionId: string): void;
}

const MAX_CACHED = 10_000;

/**
 * Short-lived identity assertions for the upstreams (RFC 7519 JWT, ES256, `kid` in the header),
 * what Pomerium, Google IAP and Cloudflare Access send their backends: a backend in any language
 * verifies it with a standard JWT library against `GET /.well-known/jwks.json`. Signing costs an
 * ECDSA signature, so an assertion is reused for one session and audience during the first half
 * of its lifetime; it is only ever handed out for a request whose session was just checked.
 */
export function createIdentityTokens(config: Config, keys: readonly SigningKey[], now: () => number): IdentityTokens {
  const ttl = config.identity.tokenTtlSeconds;
  const cache = new Map<string, { token: string; reuseUntil: number; sessionId: string; claims: string }>();
  const [signing] = keys;

  return {
    async assertionFor(subject, audience) {
      if (!signing) throw new Error('no identity signing key: the configuration requires one');
      const key = `${subject.sessionId}\n${audience}`;
      const { user } = subject;
      const claims = {
        login: user.login,
        name: user.name,
        email: user.email,
        avatar_url: user.avatarUrl,
        ...(subject.orgs ? { orgs: subject.orgs } : {}),
        ...(subject.teams ? { teams: subject.teams } : {}),
        sid: subject.sessionId,
      };
      const claimsJson = JSON.stringify(claims);
      const cached = cache.get(key);
      // Reused only while young and saying the same (a re-check may have changed the profile).
      if (cached && cached.reuseUntil > now() && cached.claims === claimsJson) return cached.token;
      const iat = Math.floor(now() / 1000);
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: signing.kid, typ: 'JWT' })
        .setIssuer(config.publicUrl)
        .setAudience(audience)
        .setSubject(String(user.id))
        .setJti(randomUUID())
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttl)
        .sign(signing.privateKey);
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(key, { token, reuseUntil: (iat + ttl / 2) * 1000, sessionId: subject.sessionId, claims: claimsJson });
      return token;
    },
    forgetSession(sessionId) {
      for (const [key, entry] of cache) if (entry.sessionId === sessionId) cache.delete(key);
    },
  };
}
