import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from './App';
import { AUTH_ERROR_MESSAGES, GENERIC_AUTH_ERROR_MESSAGE } from './auth-errors';
import { meta, stubBff, unauthenticated } from './test/bff-stub';

function renderAt(url: string) {
  window.history.replaceState(null, '', url);
  stubBff({ 'GET /api/me': unauthenticated, 'GET /api/meta': meta(false) });
  return render(<App />);
}

describe('?auth_error=', () => {
  it.each(Object.entries(AUTH_ERROR_MESSAGES))('%s shows its own message', async (code, message) => {
    renderAt(`/?auth_error=${code}`);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(message);
    expect(alert).not.toHaveTextContent(code);
    expect(message).not.toBe(GENERIC_AUTH_ERROR_MESSAGE);
  });

  it('gives every code a different message', () => {
    const messages = Object.values(AUTH_ERROR_MESSAGES);
    expect(new Set(messages).size).toBe(messages.length);
    expect(AUTH_ERROR_MESSAGES.github_unavailable).toMatch(/GitHub is unavailable, try again/);
  });

  it('removes auth_error from the URL on load, keeping path, other parameters and hash', async () => {
    renderAt('/repos?sort=name&auth_error=access_denied#list');
    await screen.findByRole('alert');
    expect(window.location.pathname + window.location.search + window.location.hash).toBe('/repos?sort=name#list');
  });

  it('signs in back to the page without auth_error', async () => {
    renderAt('/repos?auth_error=login_expired');
    await screen.findByRole('alert');
    const link = await screen.findByRole('link', { name: 'Use another GitHub account' });
    expect(link).toHaveAttribute('href', '/auth/login?returnTo=%2Frepos&prompt=select_account');
  });

  it('can be dismissed', async () => {
    renderAt('/?auth_error=access_denied');
    await screen.findByRole('alert');
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByTestId('auth-error')).not.toBeInTheDocument();
  });

  it('shows a generic message for an unknown code, never the code itself', async () => {
    const code = '<img src=x onerror=alert(1)>';
    renderAt(`/?auth_error=${encodeURIComponent(code)}`);
    const alert = await screen.findByTestId('auth-error');
    expect(alert).toHaveTextContent(GENERIC_AUTH_ERROR_MESSAGE);
    expect(alert).not.toHaveTextContent('onerror');
    expect(alert.querySelector('img')).toBeNull();
    expect(window.location.search).toBe('');
  });

  it('does not treat inherited object keys as known codes', async () => {
    renderAt('/?auth_error=toString');
    expect(await screen.findByTestId('auth-error')).toHaveTextContent(GENERIC_AUTH_ERROR_MESSAGE);
  });

  it('rate_limited says how long to wait, from retry_after, and both parameters leave the URL', async () => {
    renderAt('/?auth_error=rate_limited&retry_after=42&tab=1');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many sign-in attempts. Please wait 42 seconds and try again.',
    );
    expect(window.location.search).toBe('?tab=1');
  });

  it('rate_limited rounds a long wait up to minutes, and ignores a retry_after that is not a small number', async () => {
    renderAt('/?auth_error=rate_limited&retry_after=61');
    expect(await screen.findByRole('alert')).toHaveTextContent('Please wait 2 minutes and try again.');
  });

  it.each(['-5', '1e9', 'soon', '9999999'])(
    'rate_limited with retry_after=%s shows the plain message',
    async (wait) => {
      renderAt(`/?auth_error=rate_limited&retry_after=${wait}`);
      expect(await screen.findByRole('alert')).toHaveTextContent(AUTH_ERROR_MESSAGES.rate_limited);
    },
  );

  describe('sso_required', () => {
    const ssoUrl = 'https://github.com/orgs/sso-corp/sso?authorization_request=abc';
    const at = (org: string, url: string) =>
      `/?auth_error=sso_required&sso_org=${encodeURIComponent(org)}&sso_url=${encodeURIComponent(url)}&tab=1`;

    it("names the organisation and links to GitHub's authorization page; the parameters leave the URL", async () => {
      renderAt(at('sso-corp', ssoUrl));
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('The organisation sso-corp requires SAML single sign-on');
      const link = await screen.findByRole('link', { name: 'Authorize on GitHub for sso-corp' });
      expect(link).toHaveAttribute('href', ssoUrl);
      expect(window.location.search).toBe('?tab=1');
    });

    it.each([
      ['another host', 'https://evil.example/orgs/sso-corp/sso'],
      ['a look-alike host', 'https://github.com.evil.example/orgs/sso-corp/sso'],
      ['another org', 'https://github.com/orgs/acme/sso'],
      ['another path', 'https://github.com/logout'],
      ['javascript:', 'javascript:alert(1)'],
      ['credentials', 'https://x:y@github.com/orgs/sso-corp/sso'],
    ])('no link for a URL on %s, only the message', async (_what, url) => {
      renderAt(at('sso-corp', url));
      expect(await screen.findByRole('alert')).toHaveTextContent('The organisation sso-corp requires');
      expect(screen.queryByRole('link', { name: /Authorize on GitHub/ })).not.toBeInTheDocument();
    });

    it('an org name that is not a GitHub login is not shown: the plain message', async () => {
      renderAt(at('<b>evil</b>', ssoUrl));
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent(AUTH_ERROR_MESSAGES.sso_required);
      expect(alert).not.toHaveTextContent('evil');
      expect(screen.queryByRole('link', { name: /Authorize on GitHub/ })).not.toBeInTheDocument();
    });
  });

  it('shows no alert without the parameter', async () => {
    renderAt('/?tab=1');
    await screen.findByRole('button', { name: 'Sign in with GitHub' });
    expect(screen.queryByTestId('auth-error')).not.toBeInTheDocument();
    expect(window.location.search).toBe('?tab=1');
  });
});
