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
  const user = UserBody.safeParse(await api.getJson('/user', token));
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
