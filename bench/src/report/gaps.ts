import type { BenchResults } from '../results.ts';

/**
 * For each missed target: why, from the profile above, and what would close it. Written by
 * hand from the profiles of this product (see the analysis section); the table is live.
 */
export function gapsSection(r: BenchResults): string[] {
  const missed = r.targets.filter((t) => t.met === false);
  if (missed.length === 0) return ['## Every target met', ''];
  return [
    '## Missed targets: why, and what would close them',
    '',
    ...missed.map((t) => `- ${t.name}: ${t.measured} (goal ${t.target}).`),
    '',
    '**What was done.** The first profile had 33 % of the server in checking the cookie signature',
    "(Keygrip's HMAC plus tsscmp, which compares by computing two more HMACs over random bytes) and",
    "5 % in pino's wildcard redaction. The BFF now verifies signatures with `timingSafeEqual` and",
    'remembers verified (value, signature) pairs (`apps/bff/src/session/cookie-keys.ts`), and logs',
    'without redaction paths (a test proves no secret is ever logged). That took `/api/me` from 0.28×',
    'to the ratio in the table. simple-oauth2 and ioredis are now loaded only when used (idle memory).',
    '',
    '**Why /api/me is still below 0.7× bare Koa, 10× Auth.js and 3× Passport.** Every request still',
    'does what a bare endpoint does not: parse and verify the signed cookie, read the row from SQLite,',
    'open the AES-256-GCM seal and validate the record (zod), re-check the idle and absolute',
    "deadlines, log a JSON line, and set Helmet's headers; koa-session adds its own per-request",
    'bookkeeping (a hash of the whole session to detect changes, its context objects). The profile',
    "above shows koa-session's share as the largest remaining stage. Passport's comparison point keeps",
    "sessions in express-session's in-process MemoryStore with no encryption, which is the cheapest",
    'possible store; the ratio is against that.',
    '',
    '**What would close it**, in order of expected gain, none of which weakens the contract:',
    '1. Replace koa-session with a small session middleware of our own behind the same `ctx.session`',
    '   API (`apps/bff/src/session/` already wraps it): read one signed cookie, one store read, and',
    '   write only when a route changed something (an explicit dirty flag instead of hashing the',
    '   session on every request). The session check still happens on every request.',
    '2. With SQLite (one instance by design), keep opened records in a small in-process cache',
    '   invalidated by every write and destroy in that process: it skips the SQLite read, the AES-GCM',
    '   open and the zod parse. With Redis this is not allowed without invalidation by pub/sub,',
    '   because a logout on one instance must be seen at once by every other.',
    '3. Set the static security headers from one precomputed object instead of koa-helmet per request.',
    '',
    '**1M vs 1k sessions** costs nothing measurable once pages are cached: the lookup is one',
    'primary-key read of a `WITHOUT ROWID` table; a smoke run with 1 second per contender is noise.',
    '',
    "**Idle memory** is Node 20's own baseline (about 40 MB for an empty process here) plus Koa, zod,",
    'pino, helmet and better-sqlite3. The rest would need a smaller validation library than zod, or',
    'V8 flags such as `--max-semi-space-size`, which trade throughput for memory.',
    '',
  ];
}
