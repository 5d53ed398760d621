import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithRedis } from '../support/redis-guard.ts';
import { startRedisTls, type RedisTlsServer } from '../support/redis-tls.ts';
import { getMe, signIn } from '../support/sign-in.ts';
import { startStack } from '../support/stack.ts';
import { TestBrowser } from '../support/test-browser.ts';

describeWithRedis(
  'Redis over TLS (rediss:// and REDIS_TLS_CA_FILE)',
  () => {
    let server: RedisTlsServer;
    beforeAll(async () => {
      server = await startRedisTls();
    }, 30_000);
    afterAll(() => server?.close());

    it('signs in and serves /api/me over rediss:// with the private CA', async () => {
      const stack = await startStack({
        store: 'redis',
        redisUrl: server.url,
        env: { REDIS_TLS_CA_FILE: server.caFile },
      });
      try {
        const browser = new TestBrowser();
        const { callback } = await signIn(browser, stack);
        expect(callback.headers.get('location')).toBe('/');
        expect((await getMe(browser, stack)).status).toBe(200);
        expect(await server.node.cli('DBSIZE')).not.toBe('0\n');
      } finally {
        await stack.close();
      }
    });

    it('refuses to start when REDIS_TLS_CA_FILE is not the CA that signed the server, and says so', async () => {
      const starting = startStack({
        store: 'redis',
        redisUrl: server.url,
        env: { REDIS_TLS_CA_FILE: server.otherCaFile },
      });
      await expect(starting).rejects.toThrow(
        /^Cannot reach Redis at rediss:\/\/localhost:\d+ \(REDIS_URL\): .*certificate.*; the server certificate is not signed by the CA in REDIS_TLS_CA_FILE$/,
      );
    });

    it('refuses to start without REDIS_TLS_CA_FILE (the system CAs do not know the private one), and says what to set', async () => {
      const starting = startStack({ store: 'redis', redisUrl: server.url });
      await expect(starting).rejects.toThrow(/certificate.*set REDIS_TLS_CA_FILE to the CA that signed it$/);
    });
  },
  ['openssl'],
);
