import type { ConfigInput } from './config-input.ts';
import { DEFAULTS } from './defaults.ts';

/** Proxy trust and the server's timeouts. */
export function validateHttp({ env, invalid }: ConfigInput): string[] {
  const problems: string[] = [];
  if (env.TRUST_PROXY_HOPS !== undefined && env.TRUST_PROXY !== true && !invalid.has('TRUST_PROXY')) {
    problems.push('TRUST_PROXY_HOPS has no effect unless TRUST_PROXY=true: set both, or neither');
  }
  const headers = env.HTTP_HEADERS_TIMEOUT_SECONDS ?? DEFAULTS.httpHeadersTimeoutSeconds;
  const request = env.HTTP_REQUEST_TIMEOUT_SECONDS ?? DEFAULTS.httpRequestTimeoutSeconds;
  // Node refuses to start a server whose headers may take longer than the whole request.
  if (
    headers > request &&
    !invalid.has('HTTP_HEADERS_TIMEOUT_SECONDS') &&
    !invalid.has('HTTP_REQUEST_TIMEOUT_SECONDS')
  ) {
    problems.push(
      `HTTP_HEADERS_TIMEOUT_SECONDS (${headers}) must not be longer than HTTP_REQUEST_TIMEOUT_SECONDS (${request})`,
    );
  }
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT !== 0 && env.METRICS_PORT === (env.PORT ?? DEFAULTS.port)) {
    problems.push('METRICS_PORT must differ from PORT: metrics are never served on the public port');
  }
  if (env.METRICS_HOST !== undefined && env.METRICS_PORT === undefined) {
    problems.push('METRICS_HOST has no effect without METRICS_PORT: set both, or neither');
  }
  return problems;
}
