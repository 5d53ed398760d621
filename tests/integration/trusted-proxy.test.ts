import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNginx, describeWithNginx, type Nginx } from '../support/nginx.ts';
import { startStack, type Stack } from '../support/stack.ts';

const LIMIT = 10;

/** A GET /auth/login through nginx from one loopback address, with whatever X-Forwarded-For the client writes. */
function loginFrom(nginx: Nginx, localAddress: string, forged?: string): Promise<'github' | 'limited'> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${nginx.url}/auth/login`,
      { localAddress, headers: forged === undefined ? {} : { 'X-Forwarded-For': forged } },
      (res) => {
        res.resume();
        if (res.statusCode !== 302) reject(new Error(`/auth/login answered ${res.statusCode}`));
        resolve((res.headers.location ?? '').includes('auth_error=rate_limited') ? 'limited' : 'github');
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * The review's finding: behind a proxy that appends to X-Forwarded-For, Koa's `ctx.ip` was the
 * left-most entry, which the client wrote, so each forged sign-in got a fresh rate-limit count.
 * Through a real nginx with `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`.
 */
describeWithNginx('the sign-in rate limit behind a real nginx', () => {
  for (const trustProxy of [true, false]) {
    describe(`TRUST_PROXY=${trustProxy}`, () => {
      let stack: Stack;
      let nginx: Nginx;
      beforeAll(async () => {
        stack = await startStack({
          env: { SIGN_IN_RATE_LIMIT: String(LIMIT), TRUST_PROXY: String(trustProxy) },
        });
        nginx = await startNginx(stack.url.replace('localhost', '127.0.0.1'));
      });
      afterAll(async () => {
        await nginx?.close();
        await stack?.close();
      });

      it('forged X-Forwarded-For entries do not buy a client more attempts', async () => {
        stack.clock.advance(60_000);
        const answers = [];
        for (let i = 0; i < 25; i++) answers.push(await loginFrom(nginx, '127.0.0.2', `198.51.100.${i}, 10.0.0.${i}`));
        expect(answers.filter((a) => a === 'github')).toHaveLength(LIMIT);
        expect(answers.slice(LIMIT).every((a) => a === 'limited')).toBe(true);
      });

      it(
        trustProxy
          ? 'the address nginx saw is the one counted: another client still gets in'
          : 'the forwarded headers are ignored: every client behind nginx shares nginx’s count',
        async () => {
          stack.clock.advance(60_000);
          for (let i = 0; i < LIMIT; i++) expect(await loginFrom(nginx, '127.0.0.3')).toBe('github');
          expect(await loginFrom(nginx, '127.0.0.3')).toBe('limited');
          expect(await loginFrom(nginx, '127.0.0.4', '127.0.0.5')).toBe(trustProxy ? 'github' : 'limited');
        },
      );
    });
  }
});
