import { z } from 'zod';
import type { SessionData } from './session-data.ts';

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

const PendingLogin = z.object({
  state: z.string(),
  codeVerifier: z.string(),
  returnTo: z.string(),
  selectAccount: z.boolean(),
  createdAt: z.number(),
});

const SessionDataSchema = z
  .object({
    user: User.optional(),
    github: Tokens.optional(),
    createdAt: z.number().optional(),
    lastSeenAt: z.number().optional(),
    expiresAt: z.number().optional(),
    userAgent: z.string().max(512).optional(),
    checkedAt: z.number().optional(),
    pendingLogins: z.array(PendingLogin).max(10).optional(),
  })
  // koa-session's own bookkeeping fields (_expire, _maxAge) pass through.
  .passthrough();

/**
 * What a store hands back is outside input: a corrupted or tampered row reads as
 * "no session" rather than crashing a request or smuggling in a shape we never wrote.
 */
export function parseSessionData(json: string): SessionData | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return undefined;
  }
  const parsed = SessionDataSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
