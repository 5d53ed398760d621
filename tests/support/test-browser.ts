import { CookieJar } from 'tough-cookie';

export interface TestResponse {
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The Location header, resolved against the request URL; '' when there is none. */
  readonly location: string;
  json(): unknown;
}

/**
 * A browser as far as the BFF can tell: a cookie jar and no automatic redirects, so each
 * hop of a sign-in is seen and asserted. Every response is kept, so a test can search all
 * of them for something that must never reach a browser (a token).
 */
export class TestBrowser {
  readonly jar = new CookieJar();
  readonly responses: TestResponse[] = [];

  /** `headers` go with every request (a User-Agent, say); a request's own headers win. */
  private readonly headers: Record<string, string>;
  constructor(headers: Record<string, string> = {}) {
    this.headers = headers;
  }

  async request(url: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<TestResponse> {
    const cookie = await this.jar.getCookieString(url);
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...this.headers, ...(cookie ? { Cookie: cookie } : {}), ...init.headers },
    });
    for (const setCookie of response.headers.getSetCookie()) {
      await this.jar.setCookie(setCookie, url, { ignoreError: true });
    }
    const text = await response.text();
    const location = response.headers.get('location');
    const result: TestResponse = {
      url,
      status: response.status,
      headers: response.headers,
      text,
      location: location ? new URL(location, url).href : '',
      json: () => JSON.parse(text) as unknown,
    };
    this.responses.push(result);
    return result;
  }

  get(url: string, headers: Record<string, string> = {}): Promise<TestResponse> {
    return this.request(url, { headers });
  }

  post(url: string, headers: Record<string, string> = {}, body?: string): Promise<TestResponse> {
    return this.request(url, { method: 'POST', headers, ...(body === undefined ? {} : { body }) });
  }

  /** Everything the browser has seen: bodies, headers and cookies, as one string. */
  async everythingSeen(): Promise<string> {
    const parts = this.responses.map(
      (r) => `${r.url}\n${[...r.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${r.text}`,
    );
    const cookies = await this.jar.getCookies(this.responses[0]?.url ?? 'http://localhost/');
    return [...parts, ...cookies.map((c) => `${c.key}=${c.value} ${decodeCookie(c.value)}`)].join('\n');
  }

  async cookie(url: string, name: string): Promise<string | undefined> {
    return (await this.jar.getCookies(url)).find((c) => c.key === name)?.value;
  }
}

function decodeCookie(value: string): string {
  try {
    return Buffer.from(decodeURIComponent(value), 'base64').toString('utf8');
  } catch {
    return '';
  }
}
