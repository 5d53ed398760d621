import type { Context, Next } from 'koa';

/** A client error with the JSON `error` code it is answered with. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string) {
    super(code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** JSON errors everywhere; an unexpected error is a 500 that tells the client nothing. */
export function handleErrors(log: (line: string) => void) {
  return async (ctx: Context, next: Next): Promise<void> => {
    try {
      await next();
    } catch (error) {
      if (error instanceof ApiError) {
        ctx.status = error.status;
        ctx.body = { error: error.code };
        return;
      }
      // The stack only: request headers (and so the token) are never part of it.
      log(`notes-api: unexpected error ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      ctx.status = 500;
      ctx.body = { error: 'internal' };
    }
  };
}
