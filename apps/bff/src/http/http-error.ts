import type { ApiErrorCode } from '../contract.ts';

/**
 * An error meant for the client: an HTTP status and a stable `code`. Like Koa's own
 * errors, only `code` is ever exposed; the message and `cause` stay in the server log.
 */
export class HttpError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: ApiErrorCode,
    options: { cause?: unknown; headers?: Record<string, string>; message?: string } = {},
  ) {
    super(options.message ?? code, { cause: options.cause });
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.headers = options.headers ?? {};
  }
}
