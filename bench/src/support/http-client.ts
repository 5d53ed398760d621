import { Agent, request } from 'node:http';

export interface HttpResponse {
  readonly status: number;
  readonly location: string;
  readonly setCookies: readonly string[];
  readonly body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** One plain HTTP request (no redirects followed): light enough to drive sign-ins under load. */
export function httpRequest(
  url: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        const location = res.headers.location;
        resolve({
          status: res.statusCode ?? 0,
          location: location ? new URL(location, url).href : '',
          setCookies: res.headers['set-cookie'] ?? [],
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Cookies by name, as one browser on one host keeps them (attributes are not needed here). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(setCookies: readonly string[]): void {
    for (const line of setCookies) {
      const pair = line.split(';', 1)[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = /;\s*expires=Thu, 01 Jan 1970/i.test(line) || /;\s*max-age=0\b/i.test(line);
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

export async function getJson(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; json: unknown }> {
  const res = await httpRequest(url, { headers });
  let json: unknown;
  try {
    json = JSON.parse(res.body);
  } catch {
    json = res.body;
  }
  return { status: res.status, json };
}
