import { BffError } from './bff-error.ts';

/**
 * Any thrown value as a BffError: ours as it is; the 4xx errors Koa and its libraries throw for
 * a bad request (they carry a numeric `status`, like http-errors) and URIError (bad
 * %-encoding) as the request's fault; anything else as an internal error, kept as the cause.
 * The only place that looks at the shape of errors we did not make.
 */
export function toBffError(err: unknown): BffError {
  if (err instanceof BffError) return err;
  if (err instanceof URIError) return new BffError('bad_request', { cause: err });
  const status = clientErrorStatus(err);
  if (status === 404) return new BffError('not_found', { cause: err });
  if (status === 405) return new BffError('method_not_allowed', { cause: err });
  if (status !== undefined) return new BffError('bad_request', { cause: err, detail: `HTTP ${status}` });
  return new BffError('internal_error', { cause: err });
}

function clientErrorStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('status' in err)) return undefined;
  const { status } = err;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
