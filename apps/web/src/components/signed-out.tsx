import { useEffect, useRef } from 'react';
import { createLoginUrl } from '../api/bff-client';
import { SignInButton } from './sign-in-button';

interface SignedOutProps {
  /** Where sign-in happens ("github.com"), once /api/meta has answered. */
  githubHost: string | undefined;
  /** Move focus to the heading, so keyboard users are not left on a vanished button. */
  focusHeading: boolean;
}

export function SignedOut({ githubHost, focusHeading }: SignedOutProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, [focusHeading]);

  return (
    <section className="card" aria-labelledby="signed-out-heading">
      <h1 id="signed-out-heading" ref={heading} tabIndex={-1}>
        GitHub sign-in for SPAs done right
      </h1>
      <p>
        Sign in with your GitHub account. This page never sees a GitHub token: the server keeps it, and your browser
        holds only a session cookie.
      </p>
      <SignInButton />
      <p className="muted">
        {githubHost === undefined ? null : <>You will sign in on {githubHost}. </>}
        <a href={createLoginUrl(window.location, { selectAccount: true })}>Use another GitHub account</a>
      </p>
    </section>
  );
}
