import { CookieJar, httpRequest } from '../support/http-client.ts';
import type { ChildServer } from '../support/child-server.ts';

/** One server under load and how to ask it "who am I". */
export interface Contender {
  /** Stable key for the JSON report. */
  readonly key: string;
  readonly label: string;
  /** What this contender is, for the report (store, strategy, versions). */
  readonly notes: string;
  readonly server: ChildServer;
  /** The URL autocannon hits (127.0.0.1, so no name lookup is measured). */
  readonly url: string;
  /** Cookie headers, each one live session; the load picks one at random per request. */
  readonly cookies: readonly string[];
  /** The login each cookie's answer must name (same order as `cookies`). */
  readonly expectedLogins: readonly string[];
  /** Other headers of every request (the product's `X-CSRF: 1`). */
  readonly headers: Readonly<Record<string, string>>;
  /** The login in a 200 answer's body, wherever this contender puts it. */
  readonly loginOf: (body: unknown) => string | undefined;
  /** Every process this contender needs besides its server (redis-server), for memory notes. */
  readonly helperPids?: readonly number[];
}

/** A contender that could not be set up, and why (the report says so). */
export interface SkippedContender {
  readonly key: string;
  readonly label: string;
  readonly reason: string;
}

/** The session of a contender whose `GET /login` signs mona in with a 302 and its cookie. */
export async function signInByLoginRoute(origin: string): Promise<string> {
  const jar = new CookieJar();
  const res = await httpRequest(`${origin}/login`);
  if (res.status !== 302) throw new Error(`/login answered ${res.status}`);
  jar.store(res.setCookies);
  return jar.header();
}
