import { z } from 'zod';
import type { PendingLogin, SessionData } from './session-data.ts';

const User = z.object({
  id: z.number().int(),
  login: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  avatarUrl: z.string(),
});

const Tokens = z.object({
  accessToken: z.string(),
  scope: z.string(),
  expiresAt: z.number().optional(),
  refreshToken: z.string().optional(),
});

// Loose: koa-session's own bookkeeping fields (_expire, _maxAge) pass through, and so do the
// `pendingLogins` of sessions written before sign-ins had records of their own (ignored).
const SessionDataSchema = z.looseObject({
  user: User.optional(),
  github: Tokens.optional(),
  createdAt: z.number().optional(),
  lastSeenAt: z.number().optional(),
  expiresAt: z.number().optional(),
  userAgent: z.string().max(512).optional(),
  checkedAt: z.number().optional(),
  etags: z.record(z.string().max(200), z.string().max(200)).optional(),
  memberships: z
    .object({
      orgs: z.array(z.string()),
      teams: z.array(z.string()),
      ssoWithheldOrgIds: z.array(z.number()).optional(),
    })
    .optional(),
});

const PendingLoginSchema = z.object({
  binding: z.string().min(1),
  codeVerifier: z.string().min(1),
  returnTo: z.string(),
  selectAccount: z.boolean(),
  createdAt: z.number(),
});

/**
 * What a store hands back is outside input: a corrupted or tampered row reads as
 * "no session" rather than crashing a request or smuggling in a shape we never wrote.
 */
export function parseSessionData(json: string): SessionData | undefined {
  return parseJson(json, SessionDataSchema);
}

export function parsePendingLogin(json: string): PendingLogin | undefined {
  return parseJson(json, PendingLoginSchema);
}

function parseJson<T>(json: string, schema: z.ZodType<T>): T | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
