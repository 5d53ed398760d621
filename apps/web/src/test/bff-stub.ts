import type { MeResponse, MetaResponse } from '@github-bff/bff/contract';
import { expect, vi, type Mock } from 'vitest';

/** The fetch() boundary: what the stubbed BFF answers, keyed by "METHOD /path". */
export interface StubAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type StubRoute = StubAnswer | (() => StubAnswer | Promise<StubAnswer>);
export type StubRoutes = Record<string, StubRoute>;
export type FetchMock = Mock<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>>;

/** Replaces the global fetch. `routes` stays live: tests may change an answer later. */
export function stubBff(routes: StubRoutes): FetchMock {
  const fetchMock: FetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
    const key = `${init?.method ?? 'GET'} ${url.pathname}`;
    const route = routes[key];
    if (route === undefined) throw new Error(`The stub BFF has no route for ${key}`);
    const answer = typeof route === 'function' ? await route() : route;
    const body = answer.body === undefined ? null : JSON.stringify(answer.body);
    return new Response(body, {
      status: answer.status,
      headers: { 'Content-Type': 'application/json', ...answer.headers },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** "METHOD /path" of each call made so far, in order. */
export function callsOf(fetchMock: FetchMock): string[] {
  return fetchMock.mock.calls.map(([input, init]) => `${init?.method ?? 'GET'} ${String(input)}`);
}

/** Every call to the BFF carried `X-CSRF: 1` and the same-origin cookie policy. */
export function expectCsrfOnEveryCall(fetchMock: FetchMock): void {
  expect(fetchMock).toHaveBeenCalled();
  for (const [input, init] of fetchMock.mock.calls) {
    expect(String(input)).toMatch(/^\/(api|auth)\//);
    expect({ call: String(input), csrf: new Headers(init?.headers).get('X-CSRF') }).toEqual({
      call: String(input),
      csrf: '1',
    });
    expect(init?.credentials).toBe('same-origin');
  }
}

export function makeMe(overrides: Partial<MeResponse> = {}): MeResponse {
  return {
    id: 583231,
    login: 'octocat',
    name: 'The Octocat',
    email: 'octocat@github.com',
    avatarUrl: 'https://avatars.githubusercontent.com/u/583231?v=4',
    session: { createdAt: '2030-01-01T10:00:00.000Z', expiresAt: '2030-01-01T18:00:00.000Z' },
    ...overrides,
  };
}

export function meta(demo: boolean): StubAnswer {
  const body: MetaResponse = { demo, githubHost: demo ? 'localhost:4000' : 'github.com' };
  return { status: 200, body };
}

export const signedIn = (me: MeResponse = makeMe()): StubAnswer => ({ status: 200, body: me });
export const unauthenticated: StubAnswer = { status: 401, body: { error: 'unauthenticated' } };

/** A promise the test settles by hand. */
export function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** Another tab of the same origin, listening on the app's BroadcastChannel. */
export function openOtherTab() {
  const channel = new BroadcastChannel('github-bff-auth');
  const received: unknown[] = [];
  channel.addEventListener('message', (event: MessageEvent<unknown>) => {
    received.push(event.data);
  });
  return { channel, received };
}
