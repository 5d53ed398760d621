import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from './App';
import { TOKEN_LIMIT_MESSAGE } from './auth-errors';
import { meta, stubBff } from './test/bff-stub';

function renderWithMe(body: unknown) {
  window.history.replaceState(null, '', '/');
  stubBff({ 'GET /api/me': { status: 401, body }, 'GET /api/meta': meta(false) });
  return render(<App />);
}

describe('a session the BFF ended says why', () => {
  it('token_limit: "you signed in on more than ten devices; this one was signed out"', async () => {
    renderWithMe({ error: 'token_limit' });
    expect(await screen.findByTestId('session-ended')).toHaveTextContent(TOKEN_LIMIT_MESSAGE);
    expect(TOKEN_LIMIT_MESSAGE).toMatch(/more than ten devices; this one was signed out/);
    expect(await screen.findByRole('button', { name: 'Sign in with GitHub' })).toBeInTheDocument();
  });

  it('sso_required: names the org and links to GitHub’s SSO page', async () => {
    const url = 'https://github.com/orgs/sso-corp/sso?authorization_request=abc';
    renderWithMe({ error: 'sso_required', sso: { org: 'sso-corp', url } });
    expect(await screen.findByTestId('session-ended')).toHaveTextContent(
      'The organisation sso-corp requires SAML single sign-on',
    );
    expect(await screen.findByRole('link', { name: 'Authorize on GitHub for sso-corp' })).toHaveAttribute('href', url);
  });

  it('sso_required with a URL off the GitHub host: the message, no link', async () => {
    renderWithMe({ error: 'sso_required', sso: { org: 'sso-corp', url: 'https://evil.example/orgs/sso-corp/sso' } });
    expect(await screen.findByTestId('session-ended')).toHaveTextContent('sso-corp requires SAML single sign-on');
    expect(screen.queryByRole('link', { name: /Authorize on GitHub/ })).not.toBeInTheDocument();
  });

  it('a plain unauthenticated shows no such message', async () => {
    renderWithMe({ error: 'unauthenticated' });
    await screen.findByRole('button', { name: 'Sign in with GitHub' });
    expect(screen.queryByTestId('session-ended')).not.toBeInTheDocument();
  });
});
