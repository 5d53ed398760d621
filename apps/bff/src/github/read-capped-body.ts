import { BffError } from '../errors/index.ts';

/**
 * Reads a response body as text, stopping at `maxBytes`: past the limit the download is
 * cancelled (the connection to GitHub is closed) and `github_bad_gateway` thrown, so an
 * oversized answer costs at most the limit in memory, never its whole size.
 */
export async function readCappedBody(response: Response, maxBytes: number, abort: () => void): Promise<string> {
  if (!response.body) return '';
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    abort();
    throw tooLarge(maxBytes);
  }
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      abort();
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(maxBytes: number): BffError {
  return new BffError('github_bad_gateway', { detail: `answer larger than ${maxBytes} bytes` });
}
