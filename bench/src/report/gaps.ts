import type { BenchResults } from '../results.ts';
import { isProxyTarget } from './proxy-section.ts';

/**
 * For each missed target: why, from the profile above, and what would close it. Written by
 * hand from the profiles of this product (see the analysis section); the table is live.
 */
export function gapsSection(r: BenchResults): string[] {
  // The proxy's misses are explained in its own section, from its own profile.
  const missed = r.targets.filter((t) => t.met === false && !isProxyTarget(t.name));
  if (missed.length === 0) return r.targets.some((t) => t.met === false) ? [] : ['## Every target met', ''];
  return [
    '## Missed targets: why, and what would close them',
    '',
    ...missed.map((t) => `- ${t.name}: ${t.measured} (goal ${t.target}).`),
    '',
    '**What was done, profile by profile.** (1) The first profile had 33 % of the server in checking',
    "the cookie signature (Keygrip's HMAC plus tsscmp, which compares by computing two more HMACs over",
    "random bytes) and 5 % in pino's wildcard redaction: signatures are now verified with",
    '`timingSafeEqual` and verified (value, signature) pairs remembered (`session/cookie-keys.ts`), and',
    'logging has no redaction paths (a test proves no secret is ever logged): 0.28× → 0.35× bare Koa.',
    '(2) The second profile had 41 % in the store read (SQLite, then AES-GCM and zod): the SQLite store',
    'now keeps the sessions it opened in memory, dropped on every write and whenever another',
    'connection changes the file (`PRAGMA data_version`), so a deleted row is still seen at once:',
    '→ the ratio in the table, with store.get down to about 12 %. simple-oauth2 and ioredis are loaded',
    'only when used (idle memory).',
    '',
    '**Why /api/me is still below 0.7× bare Koa, 10× Auth.js and 3× Passport.** The largest stage left',
    "is koa-session's own per-request work (about a third: its context objects, the cookie read, a",
    'hash of the whole session on every request to detect changes, the commit). Socket writes are the',
    "same for everyone. Then the route, one JSON log line per request and Helmet's headers. Passport's",
    "comparison point keeps sessions in express-session's in-process MemoryStore with no encryption,",
    "the cheapest store there is. The load generator shares this machine's two cores with the server,",
    'which compresses every ratio toward the slowest contender.',
    '',
    '**What would close it**, in order of expected gain, none of which weakens the contract:',
    '1. Replace koa-session with a small session middleware of our own behind the same `ctx.session`',
    '   API (`apps/bff/src/session/` already wraps it): read one signed cookie, one store read, and',
    '   write only when a route changed something (an explicit dirty flag instead of hashing the',
    '   session on every request). The session check still happens on every request.',
    '2. Set the static security headers from one precomputed object instead of koa-helmet per request,',
    '   and write the request log line without pino serialising an object per request.',
    '3. For Redis (several instances: no process may cache a session, or a logout elsewhere would be',
    '   missed), pipeline the GET with the rate-limit and index work, or add pub/sub invalidation so',
    '   instances may cache like the SQLite store does.',
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
