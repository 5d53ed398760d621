import { describeAuthError, ssoLink, type AuthError } from '../auth-errors';

interface AuthErrorBannerProps {
  /** From the URL; only ever mapped to a fixed message (an SSO org name that passed a check). */
  error: AuthError;
  /** The GitHub host from /api/meta: an SSO link must point there. */
  githubHost: string | undefined;
  onDismiss: () => void;
}

export function AuthErrorBanner({ error, githubHost, onDismiss }: AuthErrorBannerProps) {
  const link = ssoLink(error.sso, githubHost);
  return (
    <div className="alert" role="alert" data-testid="auth-error">
      <p>{describeAuthError(error)}</p>
      {link === undefined ? null : (
        <p>
          <a className="button" href={link} rel="noreferrer">
            Authorize on GitHub for {error.sso?.org}
          </a>
        </p>
      )}
      <button type="button" className="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
