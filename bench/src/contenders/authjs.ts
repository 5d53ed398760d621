import { CookieJar, httpRequest } from '../support/http-client.ts';
import type { Contender } from './contender.ts';
import { startServerProgram } from './server-program.ts';

/** Auth.js (@auth/express) with its default JWT sessions; its "who am I" is `GET /auth/session`. */
export function startAuthjs(meBody: unknown): Promise<Contender> {
  return startServerProgram({
    key: 'authjs',
    label: 'Auth.js (@auth/express)',
    notes:
      '@auth/express on Express 5, Credentials provider, default `session.strategy: "jwt"` (an encrypted JWT in the cookie; ' +
      'each `GET /auth/session` decrypts it and sets a refreshed one). Cookie minted by a real Credentials sign-in (CSRF token + POST).',
    program: 'authjs',
    meBody,
    readyPath: '/auth/providers',
    path: '/auth/session',
    signIn: async (origin) => {
      const jar = new CookieJar();
      const csrf = await httpRequest(`${origin}/auth/csrf`);
      jar.store(csrf.setCookies);
      const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
      const form = new URLSearchParams({ csrfToken, username: 'mona', callbackUrl: origin });
      const res = await httpRequest(`${origin}/auth/callback/credentials`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
        body: form.toString(),
      });
      jar.store(res.setCookies);
      const token = jar.get('authjs.session-token');
      if (!token) throw new Error(`Credentials sign-in set no session cookie (HTTP ${res.status} → ${res.location})`);
      return `authjs.session-token=${token}`;
    },
    loginOf: (body) => {
      if (typeof body !== 'object' || body === null || !('user' in body)) return undefined;
      const user = body.user;
      return typeof user === 'object' && user !== null && 'login' in user && typeof user.login === 'string'
        ? user.login
        : undefined;
    },
  });
}
