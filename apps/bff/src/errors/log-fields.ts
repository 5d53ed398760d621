import { toBffError } from './to-bff-error.ts';

export interface ErrorLogFields {
  readonly code: string;
  readonly status: number;
  readonly detail?: string;
  /** The chain of causes, by name and message only. */
  readonly causes?: readonly string[];
  /** Only for internal errors: where it happened. */
  readonly stack?: string;
}

/**
 * What the log says about a failure, in one shape wherever it is logged. Security: causes are
 * logged by name and message, never as objects: a library's error can carry the request or the
 * response it failed on (simple-oauth2's carry the token endpoint's answer), and with it a token.
 */
export function errorLogFields(err: unknown): { err: ErrorLogFields } {
  const e = toBffError(err);
  const causes = causeChain(e.cause);
  // toBffError keeps a foreign error as the cause: its stack is the one that says where.
  const original = e.cause instanceof Error ? e.cause : e;
  return {
    err: {
      code: e.code,
      status: e.status,
      ...(e.detail === undefined ? {} : { detail: e.detail }),
      ...(causes.length > 0 ? { causes } : {}),
      ...(e.code === 'internal_error' && original.stack ? { stack: original.stack } : {}),
    },
  };
}

function causeChain(cause: unknown, depth = 0): string[] {
  if (cause === undefined || cause === null || depth > 4) return [];
  if (cause instanceof Error) return [`${cause.name}: ${cause.message}`, ...causeChain(cause.cause, depth + 1)];
  return [typeof cause];
}
