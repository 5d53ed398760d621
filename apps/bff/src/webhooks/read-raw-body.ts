import type { Context } from 'koa';
import { BffError } from '../errors/index.ts';

/**
 * The request body as the exact bytes received (a signature covers them, not a re-serialised
 * parse), at most `maxBytes`: a larger Content-Length is refused before reading, and a body that
 * grows past the limit while streaming is cut off. Both are 413.
 */
export async function readRawBody(ctx: Context, maxBytes: number): Promise<Buffer> {
  const declared = Number(ctx.get('Content-Length') || 0);
  if (declared > maxBytes) throw new BffError('payload_too_large', { detail: `Content-Length ${declared}` });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      // The rest is not read: the connection closes after the answer.
      throw new BffError('payload_too_large', {
        detail: `body over ${maxBytes} bytes`,
        headers: { Connection: 'close' },
      });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
