export interface ApproveAuthorizationOptions {
  /** The made-up user who answers; default 'mona'. */
  login?: string;
  /** Default 'approve'. */
  decision?: 'approve' | 'deny';
}

/**
 * Answers a stand-in authorize URL (as a BFF built it) through the stub-only
 * `stub_login`/`stub_decision` shortcut, over HTTP, and returns the callback URL the
 * stand-in redirects to (with `code` or `error`). Throws when the stand-in does not redirect.
 */
export async function approveAuthorization(
  authorizeUrl: string | URL,
  options: ApproveAuthorizationOptions = {},
): Promise<string> {
  const url = new URL(authorizeUrl);
  url.searchParams.set('stub_login', options.login ?? 'mona');
  url.searchParams.set('stub_decision', options.decision ?? 'approve');
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || location === null) {
    const text = await response.text();
    throw new Error(
      `approveAuthorization: the stand-in answered ${url.origin}${url.pathname} with ${response.status}` +
        `${location === null ? ' and no Location' : ''}: ${text.slice(0, 200)}`,
    );
  }
  await response.body?.cancel();
  return new URL(location, url).toString();
}
