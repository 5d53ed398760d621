import { describeAuthError, type AuthError } from '../auth-errors';

interface AuthErrorBannerProps {
  /** From the URL; only ever mapped to a fixed message. */
  error: AuthError;
  onDismiss: () => void;
}

export function AuthErrorBanner({ error, onDismiss }: AuthErrorBannerProps) {
  return (
    <div className="alert" role="alert" data-testid="auth-error">
      <p>{describeAuthError(error)}</p>
      <button type="button" className="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
