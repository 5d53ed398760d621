import { createRequire } from 'node:module';
import type * as PromClient from 'prom-client';

/** Seconds: a BFF answers in milliseconds; GitHub and backends take up to seconds. */
const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Every metric the BFF exports (prom-client, its own registry so several apps can live in one
 * process, as in the tests). Names follow OpenTelemetry's HTTP semantic conventions where there
 * is one (`http_server_request_duration_seconds`, `http_request_method`, `http_route`), `bff_`
 * otherwise. Security: labels take values only from fixed sets (route templates, codes, reasons,
 * upstream names from the configuration), never a user id, login, address or raw path.
 */
function createPromMetrics() {
  // Required only when metrics are on: prom-client (with @opentelemetry/api) is about a tenth of
  // the idle footprint, which an instance without METRICS_PORT does not carry.
  const { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } = createRequire(import.meta.url)(
    'prom-client',
  ) as typeof PromClient;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const r = { registers: [registry] };
  return {
    registry,
    httpDuration: new Histogram({
      name: 'http_server_request_duration_seconds',
      help: 'Duration of HTTP server requests, by method, route template and status class.',
      labelNames: ['http_request_method', 'http_route', 'http_response_status_class'] as const,
      buckets: LATENCY_BUCKETS,
      ...r,
    }),
    httpActive: new Gauge({
      name: 'http_server_active_requests',
      help: 'HTTP requests being served right now.',
      labelNames: ['http_request_method'] as const,
      ...r,
    }),
    signIns: new Counter({
      name: 'bff_sign_ins_total',
      help: 'Finished sign-ins, by outcome: success, or the auth_error code the browser was sent back with.',
      labelNames: ['outcome'] as const,
      ...r,
    }),
    sessionsStarted: new Counter({ name: 'bff_sessions_started_total', help: 'Sessions started (sign-ins).', ...r }),
    sessionsEnded: new Counter({
      name: 'bff_sessions_ended_total',
      help: 'Sessions ended, by reason.',
      labelNames: ['reason'] as const,
      ...r,
    }),
    tokenRefreshes: new Counter({
      name: 'bff_token_refreshes_total',
      help: 'Refreshes of expiring GitHub tokens, by outcome.',
      labelNames: ['outcome'] as const,
      ...r,
    }),
    rechecks: new Counter({
      name: 'bff_rechecks_total',
      help: 'Periodic re-checks of a session with GitHub (token and access), by outcome.',
      labelNames: ['outcome'] as const,
      ...r,
    }),
    githubRequests: new Counter({
      name: 'bff_github_requests_total',
      help: 'Calls to GitHub, by endpoint class and status class (error: no answer).',
      labelNames: ['endpoint', 'status_class'] as const,
      ...r,
    }),
    githubDuration: new Histogram({
      name: 'bff_github_request_duration_seconds',
      help: 'Duration of calls to GitHub, by endpoint class.',
      labelNames: ['endpoint'] as const,
      buckets: LATENCY_BUCKETS,
      ...r,
    }),
    githubRateLimitRemaining: new Gauge({
      name: 'bff_github_rate_limit_remaining',
      help: 'The lowest X-RateLimit-Remaining GitHub reported in the last five minutes (any user).',
      ...r,
    }),
    storeDuration: new Histogram({
      name: 'bff_session_store_operation_duration_seconds',
      help: 'Duration of session-store operations, by store and operation.',
      labelNames: ['store', 'operation'] as const,
      buckets: LATENCY_BUCKETS,
      ...r,
    }),
    storeErrors: new Counter({
      name: 'bff_session_store_errors_total',
      help: 'Failed session-store operations (the store could not be reached), by store and operation.',
      labelNames: ['store', 'operation'] as const,
      ...r,
    }),
    upstreamRequests: new Counter({
      name: 'bff_upstream_requests_total',
      help: 'Requests forwarded to your APIs, by upstream and status class (error: no answer).',
      labelNames: ['upstream', 'status_class'] as const,
      ...r,
    }),
    upstreamDuration: new Histogram({
      name: 'bff_upstream_request_duration_seconds',
      help: 'Time until your API answered (its headers), by upstream.',
      labelNames: ['upstream'] as const,
      buckets: LATENCY_BUCKETS,
      ...r,
    }),
  };
}

/** The metrics as the code moves them; `registry` only when they are exported. */
export type BffMetrics = Omit<ReturnType<typeof createPromMetrics>, 'registry'> & {
  readonly registry: PromClient.Registry | undefined;
};

const NOOP = { inc() {}, dec() {}, set() {}, observe() {}, startTimer: () => () => 0 };

/**
 * Every metric the BFF moves. With `exported` false (no METRICS_PORT) they are no-ops and
 * prom-client is never loaded: nothing would read them.
 */
export function createBffMetrics(exported: boolean): BffMetrics {
  if (exported) return createPromMetrics();
  const names = Object.keys(METRIC_NAMES) as (keyof typeof METRIC_NAMES)[];
  // One no-op object stands for every instrument: the code only calls the methods above.
  return { registry: undefined, ...Object.fromEntries(names.map((name) => [name, NOOP])) } as unknown as BffMetrics;
}

/** The instruments by property name (a Record, so a metric added above and not here fails to compile). */
const METRIC_NAMES = {
  httpDuration: true,
  httpActive: true,
  signIns: true,
  sessionsStarted: true,
  sessionsEnded: true,
  tokenRefreshes: true,
  rechecks: true,
  githubRequests: true,
  githubDuration: true,
  githubRateLimitRemaining: true,
  storeDuration: true,
  storeErrors: true,
  upstreamRequests: true,
  upstreamDuration: true,
} satisfies Record<Exclude<keyof BffMetrics, 'registry'>, true>;

/** 2xx, 4xx, … (OpenTelemetry records the code; a class keeps the series few). */
export function statusClass(status: number): string {
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other';
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE']);

/** OpenTelemetry's rule: a method outside the known set is `_OTHER`. */
export function methodLabel(method: string): string {
  return KNOWN_METHODS.has(method) ? method : '_OTHER';
}
