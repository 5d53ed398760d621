/**
 * How a call to GitHub failed, in the terms the BFF acts on:
 * - `refused`: GitHub answered and said no (an OAuth error body, a 4xx).
 * - `unauthorized`: the token is no longer valid (401 Bad credentials).
 * - `rate_limited`: try again later; `retryAfterSeconds` says when.
 * - `unavailable`: no usable answer (network error, timeout, 5xx, unreadable body).
 */
export type GitHubFailureKind = 'refused' | 'unauthorized' | 'rate_limited' | 'unavailable';

export class GitHubError extends Error {
  readonly kind: GitHubFailureKind;
  /** GitHub's OAuth `error` code or HTTP status, for the log. Never shown to the browser. */
  readonly detail: string;
  readonly retryAfterSeconds: number | undefined;

  constructor(kind: GitHubFailureKind, detail: string, options: { cause?: unknown; retryAfterSeconds?: number } = {}) {
    super(`GitHub ${kind}: ${detail}`, { cause: options.cause });
    this.name = 'GitHubError';
    this.kind = kind;
    this.detail = detail;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
