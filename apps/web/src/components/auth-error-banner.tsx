import { describeAuthError } from '../auth-errors';

interface AuthErrorBannerProps {
  /** The raw `auth_error` value from the URL; only ever mapped to a fixed message. */
  code: string;
  onDismiss: () => void;
}

export function AuthErrorBanner({ code, onDismiss }: AuthErrorBannerProps) {
  return (
    <div className="alert" role="alert" data-testid="auth-error">
      <p>{describeAuthError(code)}</p>
      <button type="button" className="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
