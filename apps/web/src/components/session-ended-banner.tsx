import type { SessionEnded } from '../api/bff-client';
import { AUTH_ERROR_MESSAGES, GITHUB_LOGIN, TOKEN_LIMIT_MESSAGE, describeSsoRequired, ssoLink } from '../auth-errors';

interface SessionEndedBannerProps {
  ended: SessionEnded;
  /** The GitHub host from /api/meta: an SSO link must point there. */
  githubHost: string | undefined;
}

/** Why this device was signed out, when the BFF said so on the request that ended the session. */
export function SessionEndedBanner({ ended, githubHost }: SessionEndedBannerProps) {
  if (ended.reason === 'token_limit') {
    return (
      <div className="alert" role="alert" data-testid="session-ended">
        <p>{TOKEN_LIMIT_MESSAGE}</p>
      </div>
    );
  }
  // The org name is shown only when it is a GitHub login; the link only when it is GitHub's page.
  const named = GITHUB_LOGIN.test(ended.org);
  const link = named ? ssoLink({ org: ended.org, url: ended.url }, githubHost) : undefined;
  return (
    <div className="alert" role="alert" data-testid="session-ended">
      <p>{named ? describeSsoRequired(ended.org) : AUTH_ERROR_MESSAGES.sso_required}</p>
      {link === undefined ? null : (
        <p>
          <a className="button" href={link} rel="noreferrer">
            Authorize on GitHub for {ended.org}
          </a>
        </p>
      )}
    </div>
  );
}
