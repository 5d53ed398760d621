import { STUB_DEFAULTS } from '@github-bff/github-stub';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryLog, type MemoryLog } from '../support/memory-log.ts';
import { API_HEADERS, getMe, signIn } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { TestBrowser } from '../support/test-browser.ts';

const INTERVAL_S = 600;
const HOUR = 3600_000;
const UA = 'AuditTest/1.0 (X11; Linux)';

type Entry = Record<string, unknown>;

describe('the audit trail', () => {
  let stack: Stack;
  let audit: MemoryLog;
  let log: MemoryLog;
  beforeAll(async () => {
    audit = memoryLog('info');
    log = memoryLog();
    stack = await startStack({
      log: log.logger,
      auditLog: audit.logger,
      env: { GITHUB_ALLOWED_ORGS: 'acme', GITHUB_RECHECK_INTERVAL_SECONDS: String(INTERVAL_S) },
    });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.stub.reset());

  const browserAs = () => new TestBrowser({ 'User-Agent': UA });
  const linesOf = (event: string, from = 0): Entry[] =>
    audit
      .entries()
      .slice(from)
      .filter((e) => e.event === event);
  const mark = () => audit.entries().length;
  /** Who, which session, from where, which request: on every line about a user. */
  const expectSubject = (entry: Entry | undefined, login: string) => {
    expect(entry).toMatchObject({
      audit: true,
      login,
      userId: expect.any(Number),
      sessionId: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/),
      ip: expect.stringMatching(/127\.0\.0\.1/),
      userAgent: UA,
      requestId: expect.any(String),
    });
  };

  it('a sign-in, and a sign-in refused with its code', async () => {
    const from = mark();
    await signIn(browserAs(), stack, { login: 'hubot' });
    expectSubject(linesOf('sign_in', from)[0], 'hubot');
    await signIn(browserAs(), stack, { login: 'nameless' });
    await signIn(browserAs(), stack, { decision: 'deny' });
    expect(linesOf('sign_in_refused', from).map((e) => e.code)).toEqual(['not_allowed', 'access_denied']);
    for (const e of linesOf('sign_in_refused', from))
      expect(e).toMatchObject({ ip: expect.any(String), userAgent: UA });
  });

  it('sign-out: the session ended (logout) and its token revoked', async () => {
    const browser = browserAs();
    await signIn(browser, stack, { login: 'mona' });
    const from = mark();
    await browser.post(`${stack.url}/auth/logout`, API_HEADERS);
    expectSubject(linesOf('session_ended', from)[0], 'mona');
    expect(linesOf('session_ended', from)[0]?.reason).toBe('logout');
    expect(linesOf('token_revoked', from)[0]).toMatchObject({ login: 'mona', why: 'logout', outcome: 'revoked' });
  });

  it('an idle session ended with its reason when the browser comes back', async () => {
    const browser = browserAs();
    await signIn(browser, stack, { login: 'mona' });
    const from = mark();
    stack.clock.advance(stack.config.session.idleTimeoutMs + 1000);
    expect((await getMe(browser, stack)).status).toBe(401);
    expect(linesOf('session_ended', from).map((e) => [e.login, e.reason])).toEqual([['mona', 'idle']]);
    // Ended, not merely refused: the next request has no session at all and writes no line.
    expect((await getMe(browser, stack)).status).toBe(401);
    expect(linesOf('session_ended', from)).toHaveLength(1);
  });

  it('the other sessions signed out, each by its id', async () => {
    const [a, b, c] = [browserAs(), browserAs(), browserAs()];
    for (const x of [a, b, c]) await signIn(x, stack, { login: 'mona' });
    const from = mark();
    expect((await a.post(`${stack.url}/api/sessions/sign-out-others`, API_HEADERS)).status).toBe(204);
    const ended = linesOf('session_ended', from);
    expect(ended.map((e) => e.reason)).toEqual(['sign_out_others', 'sign_out_others']);
    expect(new Set(ended.map((e) => e.sessionId)).size).toBe(2);
    expect(linesOf('token_revoked', from)).toHaveLength(2);
  });

  it('access lost at a re-check (which organisation), and the session ended', async () => {
    const browser = browserAs();
    await signIn(browser, stack, { login: 'hubot' });
    stack.stub.setOrgMembership('hubot', 'acme', false);
    const from = mark();
    stack.clock.advance(INTERVAL_S * 1000);
    expect((await getMe(browser, stack)).status).toBe(401);
    expectSubject(linesOf('access_lost', from)[0], 'hubot');
    expect(String(linesOf('access_lost', from)[0]?.what)).toMatch(/acme/);
    expect(linesOf('session_ended', from).map((e) => e.reason)).toEqual(['recheck']);
    stack.stub.setOrgMembership('hubot', 'acme', true);
  });

  it('a token revoked at GitHub ends the session (revoked)', async () => {
    const browser = browserAs();
    const before = new Set(stack.stub.issuedTokens());
    await signIn(browser, stack, { login: 'hubot' });
    const token = stack.stub.issuedTokens().find((t) => !before.has(t)) ?? '';
    stack.stub.revokeToken(token);
    const from = mark();
    stack.clock.advance(INTERVAL_S * 1000);
    expect((await getMe(browser, stack)).status).toBe(401);
    expect(linesOf('session_ended', from).map((e) => [e.login, e.reason])).toEqual([['hubot', 'revoked']]);
  });

  it('a token refreshed', async () => {
    stack.stub.setExpiringTokens(true);
    const browser = browserAs();
    await signIn(browser, stack, { login: 'mona' });
    const from = mark();
    stack.clock.advance(8 * HOUR - 4 * 60_000);
    expect((await getMe(browser, stack)).status).toBe(200);
    expectSubject(linesOf('token_refreshed', from)[0], 'mona');
    expect(linesOf('token_refreshed', from)[0]?.outcome).toBe('refreshed');
    stack.stub.setExpiringTokens(false);
  });

  it('holds no token, cookie, code, state or secret, and goes only to the audit destination', async () => {
    const browser = browserAs();
    const { fromGitHub } = await signIn(browser, stack, { login: 'mona' });
    await browser.post(`${stack.url}/auth/logout`, API_HEADERS);
    const back = new URL(fromGitHub.location);
    const secrets = [
      ...stack.stub.issuedTokens(),
      back.searchParams.get('code') ?? '',
      back.searchParams.get('state') ?? '',
      STUB_DEFAULTS.clientSecret,
      ...stack.config.session.secrets,
      ...browser.responses.flatMap((r) => r.headers.getSetCookie().map((c) => c.split(';')[0]?.split('=')[1] ?? '')),
    ].filter((s) => s.length >= 8);
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    const text = audit.text();
    expect(text.length).toBeGreaterThan(1000);
    for (const secret of secrets) expect(text).not.toContain(secret);
    for (const entry of audit.entries()) expect(entry.audit).toBe(true);
    // With AUDIT_LOG_FILE (here: an audit logger of its own) the audit lines are not in the log.
    expect(log.entries().filter((e) => e.audit === true)).toEqual([]);
  });
});
