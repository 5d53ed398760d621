import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fetchMeta } from './api/bff-client';
import { App } from './App';
import {
  callsOf,
  deferred,
  expectCsrfOnEveryCall,
  makeMe,
  meta,
  signedIn,
  stubBff,
  unauthenticated,
  type StubAnswer,
} from './test/bff-stub';

const signInButton = () => screen.queryByRole('button', { name: 'Sign in with GitHub' });

describe('while GET /api/me is pending', () => {
  it('shows no sign-in button, then a neutral placeholder, then the answer', async () => {
    const me = deferred<StubAnswer>();
    stubBff({ 'GET /api/me': () => me.promise, 'GET /api/meta': meta(false) });
    render(<App />);

    expect(signInButton()).not.toBeInTheDocument();
    expect(screen.getByTestId('loading')).toBeEmptyDOMElement();
    await screen.findByText('Checking whether you are signed in…');
    expect(signInButton()).not.toBeInTheDocument();

    await act(async () => me.resolve(unauthenticated));
    expect(signInButton()).toBeInTheDocument();
    expect(screen.queryByTestId('loading')).not.toBeInTheDocument();
  });
});

describe('signed out', () => {
  it('navigates to /auth/login with the current deep path as returnTo', async () => {
    window.history.replaceState(null, '', '/repos/octocat?tab=issues&q=a%20b#top');
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {});
    stubBff({ 'GET /api/me': unauthenticated, 'GET /api/meta': meta(false) });
    render(<App />);

    const button = await screen.findByRole('button', { name: 'Sign in with GitHub' });
    await userEvent.click(button);

    expect(assign).toHaveBeenCalledExactlyOnceWith(
      '/auth/login?returnTo=%2Frepos%2Foctocat%3Ftab%3Dissues%26q%3Da%2520b%23top',
    );
  });

  it('offers another account with prompt=select_account', async () => {
    window.history.replaceState(null, '', '/settings');
    stubBff({ 'GET /api/me': unauthenticated, 'GET /api/meta': meta(false) });
    render(<App />);

    const link = await screen.findByRole('link', { name: 'Use another GitHub account' });
    expect(link).toHaveAttribute('href', '/auth/login?returnTo=%2Fsettings&prompt=select_account');
  });

  it('says where sign-in happens once /api/meta answers', async () => {
    stubBff({ 'GET /api/me': unauthenticated, 'GET /api/meta': meta(false) });
    render(<App />);
    expect(await screen.findByText(/You will sign in on github\.com\./)).toBeInTheDocument();
  });
});

describe('signed in', () => {
  it('shows the avatar, name, email and when the session ends', async () => {
    const fetchMock = stubBff({ 'GET /api/me': signedIn(), 'GET /api/meta': meta(false) });
    render(<App />);

    expect(await screen.findByRole('heading', { level: 1, name: /Welcome/ })).toBeInTheDocument();
    expect(screen.getByTestId('user-name')).toHaveTextContent('The Octocat');
    expect(screen.getByTestId('user-email')).toHaveTextContent('octocat@github.com');
    const avatar = screen.getByTestId('user-avatar');
    expect(avatar).toHaveAttribute('src', 'https://avatars.githubusercontent.com/u/583231?v=4');
    expect(avatar).toHaveAccessibleName('GitHub avatar of octocat');
    const expiry = screen.getByTestId('session-expiry');
    expect(expiry.querySelector('time')).toHaveAttribute('datetime', '2030-01-01T18:00:00.000Z');
    expect(signInButton()).not.toBeInTheDocument();
    expectCsrfOnEveryCall(fetchMock);
  });

  it.each([null, '', '   '])('shows the login when the name is %j', async (name) => {
    stubBff({ 'GET /api/me': signedIn(makeMe({ name })), 'GET /api/meta': meta(false) });
    render(<App />);
    expect(await screen.findByTestId('user-name')).toHaveTextContent(/^octocat$/);
  });

  it('says "No public email" when the email is null', async () => {
    stubBff({ 'GET /api/me': signedIn(makeMe({ email: null })), 'GET /api/meta': meta(false) });
    render(<App />);
    expect(await screen.findByTestId('user-email')).toHaveTextContent(/^No public email$/);
  });

  it('moves to signed out when a later /api/me answers 401', async () => {
    const routes = { 'GET /api/me': signedIn(), 'GET /api/meta': meta(false) };
    const fetchMock = stubBff(routes);
    render(<App />);
    await screen.findByTestId('user-name');

    routes['GET /api/me'] = unauthenticated;
    act(() => void window.dispatchEvent(new Event('focus')));

    expect(await screen.findByRole('button', { name: 'Sign in with GitHub' })).toBeInTheDocument();
    expect(screen.queryByTestId('user-name')).not.toBeInTheDocument();
    expect(callsOf(fetchMock).filter((call) => call === 'GET /api/me')).toHaveLength(2);
    expectCsrfOnEveryCall(fetchMock);
  });

  it('moves to signed out when any other /api call answers 401', async () => {
    const routes: Record<string, StubAnswer> = {
      'GET /api/me': signedIn(),
      'GET /api/meta': meta(false),
    };
    stubBff(routes);
    render(<App />);
    await screen.findByTestId('user-name');

    // Stands for any later caller of the BFF client, such as a list of repositories.
    routes['GET /api/meta'] = unauthenticated;
    await act(() => fetchMeta());

    expect(screen.getByRole('button', { name: 'Sign in with GitHub' })).toBeInTheDocument();
    expect(screen.queryByTestId('user-name')).not.toBeInTheDocument();
  });

  it('keeps the page when a background check finds the BFF unavailable', async () => {
    const routes: Record<string, StubAnswer> = {
      'GET /api/me': signedIn(),
      'GET /api/meta': meta(false),
    };
    const fetchMock = stubBff(routes);
    render(<App />);
    await screen.findByTestId('user-name');

    routes['GET /api/me'] = { status: 503, body: { error: 'session_store_unavailable' } };
    act(() => void window.dispatchEvent(new Event('focus')));

    await waitFor(() => expect(callsOf(fetchMock).filter((call) => call === 'GET /api/me')).toHaveLength(2));
    expect(screen.getByTestId('user-name')).toBeInTheDocument();
  });
});

describe('BFF unavailable', () => {
  it('says when to try again, and "Try again" asks /api/me again', async () => {
    const routes: Record<string, StubAnswer> = {
      'GET /api/me': {
        status: 503,
        body: { error: 'github_rate_limited' },
        headers: { 'Retry-After': '30' },
      },
      'GET /api/meta': meta(false),
    };
    stubBff(routes);
    render(<App />);

    expect(await screen.findByText(/try again in about 30 seconds/)).toBeInTheDocument();
    expect(signInButton()).not.toBeInTheDocument();

    routes['GET /api/me'] = signedIn();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('user-name')).toHaveTextContent('The Octocat');
  });
});
