import type { SsoRequirement } from '../contract.ts';
import { DEFAULT_RETRY_AFTER_SECONDS, ERROR_CODES, type ErrorCode } from './error-codes.ts';

export interface BffErrorOptions {
  readonly cause?: unknown;
  /** For the log only (GitHub's OAuth `error`, an HTTP status, what was being done); never shown. */
  readonly detail?: string;
  /** Sent as Retry-After; defaults per code (see DEFAULT_RETRY_AFTER_SECONDS). */
  readonly retryAfterSeconds?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** With `sso_required`: the org and GitHub's (checked) authorization page, for the user. */
  readonly sso?: SsoRequirement;
}

/**
 * The one error class of the BFF (Koa's `status`/`expose`/`headers`, oauth4webapi's `code` +
 * `cause`). The status comes from the code's row in ERROR_CODES; `expose` says whether the
 * failure is the client's (4xx: not logged as a failure). Whatever is exposed, it is the public
 * code only: the message, `detail` and `cause` stay in the server log.
 */
export class BffError extends Error {
  override readonly name: string = 'BffError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly expose: boolean;
  readonly headers: Readonly<Record<string, string>>;
  readonly detail: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly sso: SsoRequirement | undefined;

  constructor(code: ErrorCode, options: BffErrorOptions = {}) {
    super(options.detail === undefined ? code : `${code}: ${options.detail}`, { cause: options.cause });
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.expose = this.status < 500;
    this.detail = options.detail;
    this.sso = options.sso;
    this.retryAfterSeconds = options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS[code];
    this.headers = {
      ...(this.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(this.retryAfterSeconds) }),
      ...options.headers,
    };
  }
}

/** True when `err` is a BffError with one of `codes` (any code when none are given). */
export function isBffError(err: unknown, ...codes: ErrorCode[]): err is BffError {
  return err instanceof BffError && (codes.length === 0 || codes.includes(err.code));
}

/** The configuration is invalid: every problem, each with how to fix it. Startup only. */
export class ConfigError extends BffError {
  override readonly name = 'ConfigError';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super('config_invalid', { detail: `${problems.length} problem(s)` });
    this.problems = problems;
    this.message = `Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`;
  }
}
