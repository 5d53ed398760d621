import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import {
  callsOf,
  expectCsrfOnEveryCall,
  meta,
  openOtherTab,
  signedIn,
  stubBff,
  unauthenticated,
  type StubAnswer,
} from './test/bff-stub';

const tabs: BroadcastChannel[] = [];
function otherTab() {
  const tab = openOtherTab();
  tabs.push(tab.channel);
  return tab;
}
afterEach(() => {
  for (const channel of tabs.splice(0)) channel.close();
});

describe('sign out', () => {
  it('POSTs /auth/logout with X-CSRF, shows signed out without a reload, and tells other tabs', async () => {
    const fetchMock = stubBff({
      'GET /api/me': signedIn(),
      'GET /api/meta': meta(false),
      'POST /auth/logout': { status: 204 },
    });
    const reload = vi.spyOn(window.location, 'reload').mockImplementation(() => {});
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {});
    const tab = otherTab();
    render(<App />);

    await userEvent.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('button', { name: 'Sign in with GitHub' })).toBeInTheDocument();
    expect(screen.queryByTestId('user-name')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();
    const [, init] = fetchMock.mock.calls.find(([input]) => input === '/auth/logout') ?? [];
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('X-CSRF')).toBe('1');
    expectCsrfOnEveryCall(fetchMock);
    expect(reload).not.toHaveBeenCalled();
    expect(assign).not.toHaveBeenCalled();
    await waitFor(() => expect(tab.received).toEqual([{ type: 'signed-out' }]));
  });

  it('stays signed in and says so when the BFF fails to sign out', async () => {
    stubBff({
      'GET /api/me': signedIn(),
      'GET /api/meta': meta(false),
      'POST /auth/logout': { status: 503, body: { error: 'session_store_unavailable' } },
    });
    const tab = otherTab();
    render(<App />);

    await userEvent.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Could not sign out');
    expect(screen.getByTestId('user-name')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeEnabled();
    expect(tab.received).toEqual([]);
  });
});

describe('other tabs', () => {
  it('a signed-out message on the channel signs this page out', async () => {
    const fetchMock = stubBff({ 'GET /api/me': signedIn(), 'GET /api/meta': meta(false) });
    const tab = otherTab();
    render(<App />);
    await screen.findByTestId('user-name');

    tab.channel.postMessage({ type: 'signed-out' });

    expect(await screen.findByRole('button', { name: 'Sign in with GitHub' })).toBeInTheDocument();
    expect(screen.queryByTestId('user-name')).not.toBeInTheDocument();
    expect(callsOf(fetchMock)).not.toContain('POST /auth/logout');
  });

  it('ignores other messages on the channel', async () => {
    stubBff({ 'GET /api/me': signedIn(), 'GET /api/meta': meta(false) });
    const tab = otherTab();
    render(<App />);
    await screen.findByTestId('user-name');

    tab.channel.postMessage({ type: 'signed-in' });
    tab.channel.postMessage('signed-out');
    // A marker message afterwards proves the two above have been delivered.
    const marker = otherTab();
    tab.channel.postMessage({ type: 'marker' });
    await waitFor(() => expect(marker.received).toEqual([{ type: 'marker' }]));

    expect(screen.getByTestId('user-name')).toBeInTheDocument();
  });

  it('asks /api/me again when the tab regains focus', async () => {
    const routes: Record<string, StubAnswer> = {
      'GET /api/me': unauthenticated,
      'GET /api/meta': meta(false),
    };
    stubBff(routes);
    render(<App />);
    await screen.findByRole('button', { name: 'Sign in with GitHub' });

    routes['GET /api/me'] = signedIn();
    act(() => void document.dispatchEvent(new Event('visibilitychange')));

    expect(await screen.findByTestId('user-name')).toHaveTextContent('The Octocat');
  });

  it('a 401 in a signed-in tab tells the other tabs', async () => {
    const routes: Record<string, StubAnswer> = {
      'GET /api/me': signedIn(),
      'GET /api/meta': meta(false),
    };
    stubBff(routes);
    const tab = otherTab();
    render(<App />);
    await screen.findByTestId('user-name');

    routes['GET /api/me'] = unauthenticated;
    act(() => void window.dispatchEvent(new Event('focus')));

    await screen.findByRole('button', { name: 'Sign in with GitHub' });
    await waitFor(() => expect(tab.received).toEqual([{ type: 'signed-out' }]));
  });

  it('a 401 on first load tells no one (nobody was signed in here)', async () => {
    stubBff({ 'GET /api/me': unauthenticated, 'GET /api/meta': meta(false) });
    const tab = otherTab();
    const marker = otherTab();
    render(<App />);
    await screen.findByRole('button', { name: 'Sign in with GitHub' });

    tab.channel.postMessage({ type: 'marker' });
    await waitFor(() => expect(marker.received).toEqual([{ type: 'marker' }]));
    expect(tab.received).toEqual([]);
  });
});

describe('disconnect from GitHub', () => {
  it('POSTs /auth/disconnect with X-CSRF, then shows signed out and tells other tabs', async () => {
    const fetchMock = stubBff({
      'GET /api/me': signedIn(),
      'GET /api/meta': meta(false),
      'POST /auth/disconnect': { status: 204 },
    });
    const tab = otherTab();
    render(<App />);

    await userEvent.click(await screen.findByRole('button', { name: 'Disconnect from GitHub' }));

    expect(await screen.findByRole('button', { name: 'Sign in with GitHub' })).toBeInTheDocument();
    const [, init] = fetchMock.mock.calls.find(([input]) => input === '/auth/disconnect') ?? [];
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('X-CSRF')).toBe('1');
    expect(callsOf(fetchMock)).not.toContain('POST /auth/logout');
    await waitFor(() => expect(tab.received).toEqual([{ type: 'signed-out' }]));
  });
});
