import type { Context } from 'koa';

const MAX_BODY_BYTES = 64 * 1024;

/** First value of each query parameter. */
export function queryParams(ctx: Context): Record<string, string> {
  return firstValues(new URLSearchParams(ctx.querystring));
}

function firstValues(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) if (!(key in out)) out[key] = value;
  return out;
}

async function readRawBody(ctx: Context): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) ctx.throw(413, 'Request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A JSON body as `unknown`; an empty body is `{}`. Bad JSON is 400, as GitHub answers. */
export async function readJsonBody(ctx: Context): Promise<unknown> {
  const raw = await readRawBody(ctx);
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return ctx.throw(400, 'Problems parsing JSON');
  }
}

/** Form-urlencoded or JSON (object of strings) body, as string parameters. */
export async function readParams(ctx: Context): Promise<Record<string, string>> {
  if (ctx.is('application/json')) {
    const body = await readJsonBody(ctx);
    if (!isRecord(body)) return ctx.throw(400, 'Expected a JSON object');
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === 'string') out[key] = value;
      else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
    }
    return out;
  }
  const raw = await readRawBody(ctx);
  if (raw !== '' && !ctx.is('application/x-www-form-urlencoded')) {
    return ctx.throw(415, 'Send application/x-www-form-urlencoded or application/json');
  }
  return firstValues(new URLSearchParams(raw));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Credentials from `Authorization: Basic base64(id:secret)`, or undefined. */
export function readBasicAuth(ctx: Context): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(ctx.get('Authorization'));
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** The token from `Authorization: Bearer <t>` or `token <t>` (both accepted by GitHub). */
export function readBearerToken(ctx: Context): string | undefined {
  const match = /^(?:Bearer|token)\s+(\S+)$/i.exec(ctx.get('Authorization'));
  return match?.[1];
}
