/**
 * The one module that talks to the BFF. Everything else in the app sees typed results,
 * never a Response. The session itself is an HttpOnly cookie the page cannot read.
 */
import type { MeResponse, MetaResponse } from '@github-bff/bff/contract';
import type { SessionInfo, SessionsResponse } from '@github-bff/bff/contract';
import { searchWithoutAuthError } from '../auth-errors';

export type MeResult =
  | { kind: 'signed-in'; me: MeResponse }
  | { kind: 'signed-out'; ended?: SessionEnded }
  | { kind: 'unavailable'; retryAfter?: number };

/** Why the BFF ended the session, when the 401 that ended it said so (only that one request does). */
export type SessionEnded = { reason: 'token_limit' } | { reason: 'sso_required'; org: string; url: string | null };

export type SignOutResult = { kind: 'signed-out' } | { kind: 'failed' };

/**
 * Security: the BFF refuses every /api call and POST /auth/logout without this header.
 * A custom header cannot be sent cross-site without a CORS preflight, which the BFF never
 * grants, so its presence proves the request came from this origin.
 */
const CSRF_HEADER = { 'X-CSRF': '1' } as const;

type UnauthenticatedListener = (ended: SessionEnded | undefined) => void;
const unauthenticatedListeners = new Set<UnauthenticatedListener>();

/** Called whenever any BFF call answers 401: the session is gone (and why, if it said). Returns an unsubscribe. */
export function onUnauthenticated(listener: UnauthenticatedListener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

declare global {
  interface Window {
    /** GETs public/early-requests.js started before the bundle loaded, by path; each used once. */
    __bffEarly?: Partial<Record<string, Promise<Response>>>;
  }
}

/** The answer early-requests.js already asked for (a plain GET of `path`), at most once. */
function takeEarly(path: string, init: RequestInit): Promise<Response> | undefined {
  const early = typeof window === 'undefined' ? undefined : window.__bffEarly;
  const answer = early?.[path];
  if (!answer || (init.method ?? 'GET') !== 'GET' || init.body !== undefined) return undefined;
  delete early[path];
  return answer;
}

/** Every call to the BFF goes through here: same-origin cookie, no cache, and the CSRF header. */
export async function callBff(
  path: string,
  init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> } = {},
): Promise<Response | undefined> {
  let response: Response;
  try {
    response = await (takeEarly(path, init) ??
      fetch(path, {
        ...init,
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { Accept: 'application/json', ...init.headers, ...CSRF_HEADER },
      }));
  } catch {
    return undefined; // offline, or the BFF is down
  }
  if (response.status === 401) {
    const ended = await readEnded(response);
    for (const listener of [...unauthenticatedListeners]) listener(ended);
  }
  return response;
}

export async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

/** The reason in a 401's `{ "error": … }`, read from a copy (the caller may read the body too). */
export async function readEnded(response: Response): Promise<SessionEnded | undefined> {
  const body = await readJson(response.clone());
  if (!isRecord(body)) return undefined;
  if (body.error === 'token_limit') return { reason: 'token_limit' };
  if (body.error === 'sso_required' && isRecord(body.sso) && typeof body.sso.org === 'string') {
    return { reason: 'sso_required', org: body.sso.org, url: typeof body.sso.url === 'string' ? body.sso.url : null };
  }
  return undefined;
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.ceil(seconds) : undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function unavailable(response: Response | undefined): MeResult {
  const retryAfter = parseRetryAfter(response?.headers.get('Retry-After') ?? null);
  return retryAfter === undefined ? { kind: 'unavailable' } : { kind: 'unavailable', retryAfter };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isMeResponse(value: unknown): value is MeResponse {
  if (!isRecord(value) || !isRecord(value.session)) return false;
  return (
    typeof value.id === 'number' &&
    typeof value.login === 'string' &&
    (value.name === null || typeof value.name === 'string') &&
    (value.email === null || typeof value.email === 'string') &&
    typeof value.avatarUrl === 'string' &&
    typeof value.session.createdAt === 'string' &&
    typeof value.session.expiresAt === 'string'
  );
}

function isMetaResponse(value: unknown): value is MetaResponse {
  return isRecord(value) && typeof value.demo === 'boolean' && typeof value.githubHost === 'string';
}

/** `GET /api/me`: who is signed in, if anyone. */
export async function fetchMe(): Promise<MeResult> {
  const response = await callBff('/api/me');
  if (response?.status === 401) {
    const ended = await readEnded(response);
    return ended === undefined ? { kind: 'signed-out' } : { kind: 'signed-out', ended };
  }
  if (response?.status !== 200) return unavailable(response);
  const body = await readJson(response);
  return isMeResponse(body) ? { kind: 'signed-in', me: body } : { kind: 'unavailable' };
}

/** `GET /api/meta`: facts the page needs before anyone signs in; undefined if unknown. */
export async function fetchMeta(): Promise<MetaResponse | undefined> {
  const response = await callBff('/api/meta');
  if (response?.status !== 200) return undefined;
  const body = await readJson(response);
  return isMetaResponse(body) ? body : undefined;
}

/**
 * `POST /auth/logout`: ends the session on the server and revokes its GitHub token. With
 * `disconnect`, `POST /auth/disconnect`: also removes this app's access to the GitHub account
 * and ends the user's sessions on every device. A 401 means it had already ended.
 */
export async function signOut(options: { disconnect?: boolean } = {}): Promise<SignOutResult> {
  const response = await callBff(options.disconnect ? '/auth/disconnect' : '/auth/logout', { method: 'POST' });
  if (response !== undefined && (response.ok || response.status === 401)) {
    return { kind: 'signed-out' };
  }
  return { kind: 'failed' };
}

export interface LoginOptions {
  /** Ask GitHub to show its account picker instead of reusing the signed-in account. */
  selectAccount?: boolean;
}

/**
 * The URL that starts a sign-in, returning to `location` (minus any `auth_error`) afterwards.
 * Sign-in is a full-page navigation, never fetch(): the BFF redirects the browser to GitHub.
 */
export function createLoginUrl(location: Location | URL, options: LoginOptions = {}): string {
  const returnTo = location.pathname + searchWithoutAuthError(location.search) + location.hash;
  const prompt = options.selectAccount === true ? '&prompt=select_account' : '';
  return `/auth/login?returnTo=${encodeURIComponent(returnTo)}${prompt}`;
}

function isSessionsResponse(value: unknown): value is SessionsResponse {
  return (
    isRecord(value) &&
    Array.isArray(value.sessions) &&
    value.sessions.every(
      (s: unknown) =>
        isRecord(s) &&
        typeof s.id === 'string' &&
        typeof s.createdAt === 'string' &&
        typeof s.lastSeenAt === 'string' &&
        (s.userAgent === null || typeof s.userAgent === 'string') &&
        typeof s.current === 'boolean',
    )
  );
}

/** `GET /api/sessions`: the signed-in user's sessions, newest first; undefined if unreadable. */
export async function fetchSessions(): Promise<SessionInfo[] | undefined> {
  const response = await callBff('/api/sessions');
  if (response?.status !== 200) return undefined;
  const body = await readJson(response);
  return isSessionsResponse(body) ? body.sessions : undefined;
}

/** `DELETE /api/sessions/:id`: true once that session is over (a 404 means it already was). */
export async function endSession(id: string): Promise<boolean> {
  const response = await callBff(`/api/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
  return response !== undefined && (response.ok || response.status === 404);
}

/** `POST /api/sessions/sign-out-others`: ends every session of this user but this one. */
export async function signOutOtherSessions(): Promise<boolean> {
  const response = await callBff('/api/sessions/sign-out-others', { method: 'POST' });
  return response?.ok === true;
}

/** A repository as the page shows it: a narrowed slice of GitHub's repository JSON. */
export interface RecentRepo {
  name: string;
  fullName: string;
  htmlUrl: string;
  description: string | null;
  private: boolean;
  updatedAt: string;
  language: string | null;
  stars: number;
}

function toRecentRepo(value: unknown): RecentRepo | undefined {
  if (!isRecord(value)) return undefined;
  const { name, full_name, html_url, description, updated_at, language, stargazers_count } = value;
  const isPrivate = value.private;
  const ok =
    typeof name === 'string' &&
    typeof full_name === 'string' &&
    // Security: only web links go into an href (never `javascript:` or the like).
    typeof html_url === 'string' &&
    /^https?:\/\//i.test(html_url) &&
    (description === null || typeof description === 'string') &&
    typeof isPrivate === 'boolean' &&
    typeof updated_at === 'string' &&
    (language === null || typeof language === 'string') &&
    typeof stargazers_count === 'number';
  if (!ok) return undefined;
  return {
    name,
    fullName: full_name,
    htmlUrl: html_url,
    description,
    private: isPrivate,
    updatedAt: updated_at,
    language,
    stars: stargazers_count,
  };
}

/** `GET /api/github/user/repos`: the user's five most recently updated repositories; undefined on failure. */
export async function fetchRecentRepos(): Promise<RecentRepo[] | undefined> {
  const response = await callBff('/api/github/user/repos?sort=updated&per_page=5');
  if (response?.status !== 200) return undefined;
  const body = await readJson(response);
  if (!Array.isArray(body)) return undefined;
  return body.map(toRecentRepo).filter((repo) => repo !== undefined);
}
