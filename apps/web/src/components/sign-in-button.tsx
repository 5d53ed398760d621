import { createLoginUrl } from '../api/bff-client';
import { GitHubMark } from './github-mark';

/**
 * GitHub's sign-in button: the Invertocat and "Sign in with GitHub" on a dark button.
 * A full-page navigation, never fetch(): the BFF answers with a redirect to GitHub.
 */
export function SignInButton() {
  return (
    <button
      type="button"
      className="button button-github"
      onClick={() => window.location.assign(createLoginUrl(window.location))}
    >
      <GitHubMark />
      <span>Sign in with GitHub</span>
    </button>
  );
}
