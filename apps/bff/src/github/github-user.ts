import { z } from 'zod';
import { rateLimitRetryAfter, throwUnlessOk, type GitHubApi } from './github-api.ts';
import { BffError } from '../errors/index.ts';

export interface GitHubUser {
  id: number;
  login: string;
  name: string | null;
  email: string | null;
  avatarUrl: string;
}

const UserBody = z.object({
  id: z.number().int().positive(),
  login: z.string().min(1),
  name: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  avatar_url: z.string(),
});

const EmailsBody = z.array(z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }));

export type GitHubEmail = z.infer<typeof EmailsBody>[number];

/**
 * Who the token belongs to. `GET /user` shows the email only when the user made it public;
 * otherwise the primary verified address comes from `GET /user/emails` (needs `user:email`).
 */
export async function fetchGitHubUser(api: GitHubApi, token: string): Promise<GitHubUser> {
  return userFromBody(api, token, await api.getJson('/user', token));
}

/**
 * `GET /user` as a re-check asks it: with the ETag of last time as If-None-Match, GitHub
 * answers 304 when nothing changed (the token works, the profile is as known), which costs no
 * rate limit. https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate
 */
export async function refetchGitHubUser(
  api: GitHubApi,
  token: string,
  known: GitHubUser,
  etag: string | undefined,
): Promise<{ user: GitHubUser; etag: string | undefined }> {
  const response = await api.send('GET', '/user', { token, headers: etag ? { 'If-None-Match': etag } : {} });
  if (response.status === 304 && etag) return { user: known, etag };
  throwUnlessOk(response, 'GET /user');
  if (response.body === undefined) throw new BffError('github_unavailable', { detail: 'GET /user: unreadable body' });
  return { user: await userFromBody(api, token, response.body), etag: response.headers.get('etag') ?? undefined };
}

async function userFromBody(api: GitHubApi, token: string, body: unknown): Promise<GitHubUser> {
  const user = UserBody.safeParse(body);
  if (!user.success) throw new BffError('github_unavailable', { detail: 'unexpected /user body' });
  const { id, login, name, email, avatar_url } = user.data;
  return {
    id,
    login,
    name: name ? name : null,
    email: email ? email : await fetchPrimaryEmail(api, token),
    avatarUrl: avatar_url,
  };
}

async function fetchPrimaryEmail(api: GitHubApi, token: string): Promise<string | null> {
  const response = await api.send('GET', '/user/emails', { token });
  // Without the user:email scope GitHub answers 404 (or a 403 that is not a rate limit):
  // then there is simply no email for us.
  const { status, headers } = response;
  if (status === 404 || (status === 403 && rateLimitRetryAfter(status, headers) === undefined)) return null;
  throwUnlessOk(response, 'GET /user/emails');
  const emails = EmailsBody.safeParse(response.body);
  if (!emails.success) throw new BffError('github_unavailable', { detail: 'unexpected /user/emails body' });
  return choosePrimaryEmail(emails.data);
}

/** The primary address, only if verified: an unverified one is not the user's email. */
export function choosePrimaryEmail(emails: readonly GitHubEmail[]): string | null {
  return emails.find((e) => e.primary && e.verified)?.email ?? null;
}
