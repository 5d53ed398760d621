import { approveAuthorization } from '@github-bff/github-stub';
import type { Stack } from './stack.ts';
import type { TestBrowser, TestResponse } from './test-browser.ts';

export interface SignInOptions {
  readonly login?: string;
  readonly returnTo?: string;
  readonly decision?: 'approve' | 'deny';
}

export interface SignInHops {
  /** The BFF's 302 to GitHub's authorize page. */
  readonly start: TestResponse;
  /** The authorize URL the BFF sent the browser to. */
  readonly authorizeUrl: URL;
  /** GitHub's 302 back to the callback. */
  readonly fromGitHub: TestResponse;
  /** The BFF's answer to the callback: a 302 to returnTo or to /?auth_error=. */
  readonly callback: TestResponse;
}

/**
 * The whole sign-in, hop by hop, as a browser does it: /auth/login, GitHub's authorize page
 * (answered through the stand-in's non-interactive `stub_login` shortcut), then the callback.
 */
export function signIn(browser: TestBrowser, stack: Stack, options: SignInOptions = {}): Promise<SignInHops> {
  return signInAt(browser, stack.url, options);
}

/** signIn() against any BFF origin: a server in another process (the production server) too. */
export async function signInAt(browser: TestBrowser, origin: string, options: SignInOptions = {}): Promise<SignInHops> {
  const query = options.returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(options.returnTo)}`;
  const start = await browser.get(`${origin}/auth/login${query}`);
  if (start.status !== 302) throw new Error(`/auth/login answered ${start.status}`);
  const authorizeUrl = new URL(start.location);
  const fromGitHub = await answerGitHub(browser, authorizeUrl, options);
  const callback = await browser.get(fromGitHub.location);
  return { start, authorizeUrl, fromGitHub, callback };
}

/**
 * Approves or denies on the stand-in (its own approveAuthorization()) and returns its redirect
 * to the callback, not followed. The stand-in sets no cookie, so the browser's jar is not
 * involved; the redirect is kept among the browser's responses, as everything it saw.
 */
export async function answerGitHub(
  browser: TestBrowser,
  authorizeUrl: URL,
  { login = 'mona', decision = 'approve' }: SignInOptions = {},
): Promise<TestResponse> {
  const location = await approveAuthorization(authorizeUrl, { login, decision });
  const response: TestResponse = {
    url: authorizeUrl.href,
    status: 302,
    headers: new Headers({ location }),
    text: '',
    location,
    json: () => JSON.parse('') as unknown, // no body, as from a real redirect
  };
  browser.responses.push(response);
  return response;
}

export const API_HEADERS = { 'X-CSRF': '1' } as const;

export function getMe(browser: TestBrowser, stack: Stack): Promise<TestResponse> {
  return browser.get(`${stack.url}/api/me`, API_HEADERS);
}

/** Finishes a sign-in that was started elsewhere: approve on the stand-in, then the callback. */
export async function signInFrom(browser: TestBrowser, authorizeUrl: URL, login = 'mona'): Promise<TestResponse> {
  const fromGitHub = await answerGitHub(browser, authorizeUrl, { login });
  return browser.get(fromGitHub.location);
}
