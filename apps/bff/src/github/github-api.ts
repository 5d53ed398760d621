import { BffError } from '../errors/index.ts';
import { readCappedBody } from './read-capped-body.ts';

/** GitHub asks every REST client to pin an API version. https://docs.github.com/en/rest/about-the-rest-api/api-versions */
export const GITHUB_API_VERSION = '2022-11-28';
export const USER_AGENT = 'github-bff';
/** No answer the BFF reads or relays is larger; past it the download is cut off (502). */
export const MAX_GITHUB_BODY_BYTES = 5 * 1024 * 1024;

export interface GitHubApiOptions {
  readonly apiUrl: string;
  readonly timeoutMs: number;
  readonly maxBodyBytes?: number;
  readonly observer?: GitHubObserver;
}

/** Told of every call to GitHub (for metrics): its path, and its status or that there was none. */
export interface GitHubObserver {
  answered(path: string, status: number, headers: Headers, seconds: number): void;
  failed(path: string, seconds: number): void;
}

export interface GitHubResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON; null for an empty body; undefined when it is not JSON. */
  readonly body: unknown;
}

export interface GitHubRequest {
  readonly token?: string;
  readonly basicAuth?: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type GitHubApi = ReturnType<typeof createGitHubApi>;

/** A small REST client: every call has a timeout and a size limit, and every failure is a BffError. */
export function createGitHubApi({
  apiUrl,
  timeoutMs,
  maxBodyBytes = MAX_GITHUB_BODY_BYTES,
  observer,
}: GitHubApiOptions) {
  /** Sends a request and returns the answer whatever its status; throws only when there is none. */
  async function send(method: string, path: string, init: GitHubRequest = {}): Promise<GitHubResponse> {
    const headers: Record<string, string> = {
      Accept: 'application/vnd.github+json',
      'User-Agent': USER_AGENT,
      'X-GitHub-Api-Version': GITHUB_API_VERSION,
      ...init.headers,
    };
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    if (init.basicAuth) headers.Authorization = `Basic ${init.basicAuth}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    const started = performance.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    try {
      const response = await fetch(`${apiUrl}${path}`, {
        method,
        headers,
        body: init.body === undefined ? null : JSON.stringify(init.body),
        redirect: 'manual',
        signal: controller.signal,
      });
      const text = await readCappedBody(response, maxBodyBytes, () => controller.abort());
      observer?.answered(path, response.status, response.headers, (performance.now() - started) / 1000);
      return { status: response.status, headers: response.headers, body: parseJson(text) };
    } catch (cause) {
      observer?.failed(path, (performance.now() - started) / 1000);
      if (cause instanceof BffError) throw cause;
      throw new BffError('github_unavailable', { detail: `${method} ${path}: no answer`, cause });
    } finally {
      clearTimeout(timer);
    }
  }

  /** GET that succeeds only with a 2xx JSON body. */
  async function getJson(path: string, token: string): Promise<unknown> {
    const response = await send('GET', path, { token });
    throwUnlessOk(response, `GET ${path}`);
    if (response.body === undefined)
      throw new BffError('github_unavailable', { detail: `GET ${path}: unreadable body` });
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

/** Maps GitHub's status codes to the failures the BFF acts on. */
export function throwUnlessOk(response: GitHubResponse, what: string): void {
  const { status, headers } = response;
  if (status >= 200 && status < 300) return;
  const detail = `${what}: ${status}`;
  if (status === 401) throw new BffError('github_unauthorized', { detail });
  const retryAfterSeconds = rateLimitRetryAfter(status, headers);
  if (retryAfterSeconds !== undefined) throw new BffError('github_rate_limited', { detail, retryAfterSeconds });
  if (status >= 500) throw new BffError('github_unavailable', { detail });
  throw new BffError('github_refused', { detail });
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
    const reset = Number(headers.get('x-ratelimit-reset') ?? Number.NaN);
    return Number.isFinite(reset) ? Math.max(1, Math.ceil(reset - nowMs / 1000)) : 60;
  }
  return status === 429 ? 60 : undefined;
}
