import type { Context } from 'koa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.ts';
import { BffError } from '../errors/index.ts';
import type { Services } from '../services.ts';
import { createSessionCodec } from '../session/session-codec.ts';
import type { SessionStore } from '../session/session-store.ts';
import { createSqliteStore } from '../session/stores/sqlite-store.ts';
import { PENDING_LOGIN_TTL_MS, putPendingLogin, takePendingLogin } from './pending-login.ts';

const SECRET = 'mH3v9Qx2Lk7Zr4Tb8Wn1Yc6Pd5Sf0JgE';
const config = loadConfig({ GITHUB_CLIENT_ID: 'id', GITHUB_CLIENT_SECRET: 's', SESSION_SECRET: SECRET });

/** The part of Koa's context the sign-in binding uses: a cookie jar (Koa's tests fake it the same way). */
function fakeBrowser(): Context {
  const jar = new Map<string, string>();
  const cookies = {
    secure: false,
    get: (name: string) => jar.get(name),
    set: (name: string, value: string) => {
      jar.set(name, value);
      return cookies;
    },
  };
  return { cookies } as unknown as Context;
}

let t = 1_000_000;
let store: SessionStore;
let services: Services;
beforeEach(() => {
  store = createSqliteStore({
    path: ':memory:',
    codec: createSessionCodec([SECRET]),
    secrets: [SECRET],
    now: () => t,
    sweepIntervalMs: 0,
  });
  services = { config, store, now: () => t } as unknown as Services;
});
afterEach(() => store.close());

const login = { codeVerifier: 'v'.repeat(43), returnTo: '/x', selectAccount: false };
const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (err) {
    return err instanceof BffError ? err.code : 'not a BffError';
  }
  return 'accepted';
};

describe('takePendingLogin', () => {
  it('gives the sign-in back once, to the browser that started it', async () => {
    const browser = fakeBrowser();
    await putPendingLogin(browser, services, 'state-1', login);
    expect(await takePendingLogin(browser, services, 'state-1')).toMatchObject({ ...login, createdAt: t });
    expect(await refusal(takePendingLogin(browser, services, 'state-1'))).toBe('state_invalid');
  });

  it('refuses another browser’s state (login CSRF), and the state is spent by the attempt', async () => {
    const victim = fakeBrowser();
    const attacker = fakeBrowser();
    await putPendingLogin(attacker, services, 'state-a', login);
    await putPendingLogin(victim, services, 'state-v', login);
    expect(await refusal(takePendingLogin(victim, services, 'state-a'))).toBe('state_invalid');
    expect(await refusal(takePendingLogin(attacker, services, 'state-a'))).toBe('state_invalid');
    expect(await takePendingLogin(victim, services, 'state-v')).toMatchObject(login);
  });

  it('refuses a browser without the sign-in cookie', async () => {
    await putPendingLogin(fakeBrowser(), services, 'state-1', login);
    expect(await refusal(takePendingLogin(fakeBrowser(), services, 'state-1'))).toBe('state_invalid');
  });

  it('lets several tabs of one browser each finish their own sign-in', async () => {
    const browser = fakeBrowser();
    await putPendingLogin(browser, services, 'tab-1', login);
    await putPendingLogin(browser, services, 'tab-2', { ...login, returnTo: '/two' });
    expect(await takePendingLogin(browser, services, 'tab-2')).toMatchObject({ returnTo: '/two' });
    expect(await takePendingLogin(browser, services, 'tab-1')).toMatchObject({ returnTo: '/x' });
  });

  it('says login_expired at ten minutes, exactly', async () => {
    const browser = fakeBrowser();
    await putPendingLogin(browser, services, 'a', login);
    await putPendingLogin(browser, services, 'b', login);
    t += PENDING_LOGIN_TTL_MS - 1;
    expect(await takePendingLogin(browser, services, 'a')).toMatchObject(login);
    t += 1;
    expect(await refusal(takePendingLogin(browser, services, 'b'))).toBe('login_expired');
  });

  it.each([[undefined], [''], [['s', 's']], [42], ['x'.repeat(300)]])(
    'refuses a state of %j without asking the store',
    async (state) => {
      expect(await refusal(takePendingLogin(fakeBrowser(), services, state))).toBe('state_invalid');
    },
  );
});
