import {
  calculateJwkThumbprint,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';

/** An ES256 key pair as the BFF holds one: kid is the RFC 7638 thumbprint. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
  /** The public key as SPKI PEM, for the HS256 "public key as secret" attack. */
  readonly publicPem: string;
}

export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return {
    kid,
    privateKey,
    publicJwk: { ...jwk, kid, alg: 'ES256', use: 'sig' },
    publicPem: await exportSPKI(publicKey),
  };
}

export interface TokenClaims extends JWTPayload {
  login?: string;
  name?: string | null;
  email?: string | null;
  avatar_url?: string;
  sid?: string;
}

/** The claims the BFF would send for `sub` at `nowMs`, overridable one by one. */
export function bffClaims(sub: string, nowMs: number, issuer: string, overrides: TokenClaims = {}): TokenClaims {
  const iat = Math.floor(nowMs / 1000);
  return {
    iss: issuer,
    aud: 'notes-api',
    sub,
    login: `user-${sub}`,
    name: null,
    email: null,
    avatar_url: `https://avatars.example/${sub}`,
    sid: `sid-${sub}`,
    jti: crypto.randomUUID(),
    iat,
    exp: iat + 60,
    ...overrides,
  };
}

/** Signs exactly these claims; `kid` defaults to the key's own. */
export function signToken(key: SigningKey, claims: TokenClaims, kid: string = key.kid): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' }).sign(key.privateKey);
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** `alg: none`, no signature: what a naive verifier would accept. */
export function unsignedToken(kid: string, claims: TokenClaims): string {
  return `${base64url({ alg: 'none', kid, typ: 'JWT' })}.${base64url(claims)}.`;
}

/** HS256 keyed with the public key's PEM: the algorithm-confusion attack. */
export function hs256WithPublicKey(key: SigningKey, claims: TokenClaims): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'JWT' })
    .sign(new TextEncoder().encode(key.publicPem));
}
