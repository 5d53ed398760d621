import type { Context } from 'koa';
import { ApiError } from './api-error.ts';

/** A note is at most 1000 characters; 16 kB leaves room for JSON escapes (`\uXXXX` is 6 bytes). */
export const MAX_BODY_BYTES = 16 * 1024;

/** The request's JSON body as `unknown`: 415 unless JSON, 413 past the limit, 400 if unparsable. */
export async function readJsonBody(ctx: Context, limit = MAX_BODY_BYTES): Promise<unknown> {
  if (!ctx.is('application/json')) throw new ApiError(415, 'unsupported_media_type');
  const tooLarge = (): ApiError => {
    // The rest of the body stays unread: closing the connection spares draining it.
    ctx.set('Connection', 'close');
    return new ApiError(413, 'payload_too_large');
  };
  // A declared length over the limit is refused before reading a byte of it.
  if (ctx.request.length !== undefined && ctx.request.length > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limit) throw tooLarge();
    chunks.push(buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new ApiError(400, 'bad_request');
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
