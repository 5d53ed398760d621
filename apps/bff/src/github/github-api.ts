import { GitHubError } from './github-error.ts';

/** GitHub asks every REST client to pin an API version. https://docs.github.com/en/rest/about-the-rest-api/api-versions */
export const GITHUB_API_VERSION = '2022-11-28';
export const USER_AGENT = 'github-bff';

export interface GitHubApiOptions {
  readonly apiUrl: string;
  readonly timeoutMs: number;
}

export interface GitHubResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

export type GitHubApi = ReturnType<typeof createGitHubApi>;

/** A small REST client: every call has a timeout, and every failure is a GitHubError. */
export function createGitHubApi({ apiUrl, timeoutMs }: GitHubApiOptions) {
  /** Sends a request and returns the answer whatever its status; throws only when there is none. */
  async function send(
    method: string,
    path: string,
    init: { token?: string; basicAuth?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<GitHubResponse> {
    const headers: Record<string, string> = {
      Accept: 'application/vnd.github+json',
      'User-Agent': USER_AGENT,
      'X-GitHub-Api-Version': GITHUB_API_VERSION,
      ...init.headers,
    };
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    if (init.basicAuth) headers.Authorization = `Basic ${init.basicAuth}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${apiUrl}${path}`, {
        method,
        headers,
        body: init.body === undefined ? null : JSON.stringify(init.body),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (cause) {
      throw new GitHubError('unavailable', `${method} ${path}: no answer`, { cause });
    }
    return { status: response.status, headers: response.headers, body: parseJson(text) };
  }

  /** GET that succeeds only with a 2xx JSON body. */
  async function getJson(path: string, token: string): Promise<unknown> {
    const response = await send('GET', path, { token });
    throwUnlessOk(response, `GET ${path}`);
    if (response.body === undefined) throw new GitHubError('unavailable', `GET ${path}: unreadable body`);
    return response.body;
  }

  return { send, getJson };
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Maps GitHub's status codes to the failure kinds the BFF acts on. */
export function throwUnlessOk(response: GitHubResponse, what: string): void {
  const { status, headers } = response;
  if (status >= 200 && status < 300) return;
  if (status === 401) throw new GitHubError('unauthorized', `${what}: 401`);
  const retryAfter = rateLimitRetryAfter(status, headers);
  if (retryAfter !== undefined) {
    throw new GitHubError('rate_limited', `${what}: ${status}`, { retryAfterSeconds: retryAfter });
  }
  if (status >= 500) throw new GitHubError('unavailable', `${what}: ${status}`);
  throw new GitHubError('refused', `${what}: ${status}`);
}

/**
 * GitHub signals rate limits as 403 or 429 with `x-ratelimit-remaining: 0` (wait until
 * `x-ratelimit-reset`) or with `retry-after` (secondary limits).
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
 */
export function rateLimitRetryAfter(status: number, headers: Headers, nowMs = Date.now()): number | undefined {
  if (status !== 403 && status !== 429) return undefined;
  const retryAfter = Number(headers.get('retry-after'));
  if (headers.has('retry-after') && Number.isFinite(retryAfter)) return Math.max(1, Math.ceil(retryAfter));
  if (headers.get('x-ratelimit-remaining') === '0') {
    const reset = Number(headers.get('x-ratelimit-reset'));
    return Number.isFinite(reset) ? Math.max(1, Math.ceil(reset - nowMs / 1000)) : 60;
  }
  return status === 429 ? 60 : undefined;
}
