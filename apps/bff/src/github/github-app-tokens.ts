import type { GitHubApi } from './github-api.ts';
import { throwUnlessOk } from './github-api.ts';

export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * Revokes one token: GitHub's own endpoint (GitHub does not speak RFC 7009), with the app's
 * credentials as Basic auth. 204 on success; 404 when the token is already invalid.
 * https://docs.github.com/en/rest/apps/oauth-applications#delete-an-app-token
 */
export async function revokeToken(api: GitHubApi, app: ClientCredentials, accessToken: string): Promise<void> {
  await deleteWithToken(api, app, 'token', accessToken);
}

/**
 * Deletes the user's whole authorization of this app ("disconnect"): every token is revoked
 * and the next sign-in asks for consent again.
 * https://docs.github.com/en/rest/apps/oauth-applications#delete-an-app-authorization
 */
export async function deleteGrant(api: GitHubApi, app: ClientCredentials, accessToken: string): Promise<void> {
  await deleteWithToken(api, app, 'grant', accessToken);
}

async function deleteWithToken(api: GitHubApi, app: ClientCredentials, what: 'token' | 'grant', accessToken: string) {
  const response = await api.send('DELETE', `/applications/${encodeURIComponent(app.clientId)}/${what}`, {
    basicAuth: Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64'),
    body: { access_token: accessToken },
  });
  // Already gone is as good as revoked.
  if (response.status === 404) return;
  throwUnlessOk(response, `DELETE /applications/…/${what}`);
}

/**
 * Revokes each token, in parallel, without failing: for sessions that end anyway (logout, other
 * devices signed out, a token a new sign-in replaces). A failure is reported to `onFailure`.
 */
export async function revokeTokensQuietly(
  api: GitHubApi,
  app: ClientCredentials,
  accessTokens: readonly string[],
  onFailure: (err: unknown) => void,
): Promise<('revoked' | 'failed')[]> {
  return Promise.all(
    accessTokens.map((token) =>
      revokeToken(api, app, token).then(
        () => 'revoked' as const,
        (err: unknown) => {
          onFailure(err);
          return 'failed' as const;
        },
      ),
    ),
  );
}
