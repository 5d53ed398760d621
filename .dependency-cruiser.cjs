/**
 * The BFF's folders and the arrows allowed between them, checked in `npm run lint`:
 *
 *   server → app → auth, api, webhooks (routes) → signed-in (policy) → session, github → redis, crypto
 *                                                            → config, errors → contract
 *                         api → upstream (forwarding), identity (assertions), http (request facts)
 *   routes, signed-in → audit (security events) → metrics
 *   http (generic middleware) → config, errors, contract;  rate-limit → redis, config, errors
 *
 * Everything may import config types, errors and the contract; nothing imports upwards, and
 * nothing imports app.ts or server.ts but the composition root itself (and testing.ts, the
 * entry for the suites). Type-only imports count too.
 */
const SRC = '^apps/bff/src/';
const folder = (...names) => `${SRC}(${names.join('|')})(/|\\.ts$)`;
const BOTTOM = ['config', 'errors', 'contract'];

const arrows = {
  auth: ['auth', 'services', 'session', 'github', 'crypto', 'rate-limit', 'audit', ...BOTTOM],
  api: [
    'api',
    'services',
    'signed-in',
    'session',
    'github',
    'crypto',
    'upstream',
    'identity',
    'audit',
    'metrics',
    'http',
    ...BOTTOM,
  ],
  // POST /webhooks/github: GitHub's deliveries end or re-check sessions.
  webhooks: ['webhooks', 'services', 'signed-in', 'session', 'audit', ...BOTTOM],
  upstream: ['upstream', ...BOTTOM],
  identity: ['identity', 'github', ...BOTTOM],
  'signed-in': ['signed-in', 'services', 'session', 'github', 'audit', ...BOTTOM],
  services: ['config', 'github', 'session', 'audit'],
  // The audit trail and the metrics: told of what happened, they tell nothing back.
  audit: ['audit', 'metrics', ...BOTTOM],
  metrics: ['metrics', 'github', 'session', ...BOTTOM],
  session: ['session', 'github', 'crypto', 'redis', ...BOTTOM],
  github: ['github', ...BOTTOM],
  'rate-limit': ['rate-limit', 'redis', ...BOTTOM],
  redis: ['redis', ...BOTTOM],
  http: ['http', ...BOTTOM],
  crypto: ['crypto'],
  config: ['config', 'errors'],
  errors: ['errors', 'contract'],
  contract: [],
};

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Folders run one way.', from: {}, to: { circular: true } },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  allowed: [
    // Libraries and Node's own modules, from anywhere.
    { from: {}, to: { dependencyTypes: ['npm', 'npm-dev', 'npm-peer', 'npm-optional', 'core'] } },
    { from: { path: `${SRC}(app|server|testing)\\.ts$` }, to: { path: SRC } },
    // Tests next to a module may use what that module's folder may use, and the folder itself.
    ...Object.entries(arrows).map(([from, to]) => ({
      from: { path: folder(from) },
      to: { path: folder(...to) },
    })),
  ],
  allowedSeverity: 'error',
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: SRC,
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
