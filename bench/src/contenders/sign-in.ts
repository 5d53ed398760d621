import { approveAuthorization } from '@github-bff/github-stub';
import { CookieJar, httpRequest } from '../support/http-client.ts';

export interface SignInTimings {
  /** The cookie header of the signed-in session. */
  readonly cookie: string;
  /** Wall time of each hop, ms: the BFF's /auth/login, the stand-in's authorize, the BFF's callback. */
  readonly loginMs: number;
  readonly authorizeMs: number;
  readonly callbackMs: number;
}

/**
 * A whole sign-in as a browser does it, hop by hop: /auth/login, the stand-in's authorize page
 * (answered by its own approveAuthorization(), the `stub_login` shortcut), then /auth/callback,
 * which exchanges the code and reads the user from the stand-in. Throws unless the BFF ends
 * signed in.
 */
export async function signInThroughStub(bffUrl: string, login = 'mona'): Promise<SignInTimings> {
  const jar = new CookieJar();
  let t = performance.now();
  const start = await httpRequest(`${bffUrl}/auth/login`);
  const loginMs = performance.now() - t;
  if (start.status !== 302) throw new Error(`/auth/login answered ${start.status}: ${start.body.slice(0, 200)}`);
  jar.store(start.setCookies);
  t = performance.now();
  const callbackUrl = await approveAuthorization(start.location, { login });
  const authorizeMs = performance.now() - t;
  t = performance.now();
  const callback = await httpRequest(callbackUrl, { headers: { cookie: jar.header() } });
  const callbackMs = performance.now() - t;
  const landing = callback.location ? new URL(callback.location) : undefined;
  if (callback.status !== 302 || !landing || landing.searchParams.has('auth_error')) {
    throw new Error(`/auth/callback answered ${callback.status} → ${callback.location || callback.body.slice(0, 200)}`);
  }
  jar.store(callback.setCookies);
  return { cookie: jar.header(), loginMs, authorizeMs, callbackMs };
}
