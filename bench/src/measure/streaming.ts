import { request } from 'node:http';
import { readMemory } from './memory.ts';

export interface StreamResult {
  readonly bytes: number;
  readonly seconds: number;
  /** RSS of the server just before the transfer, MB. */
  readonly rssBeforeMb: number;
  /** Highest RSS sampled (every 20 ms) during the transfer, minus rssBeforeMb. */
  readonly rssGrowthMb: number;
  readonly status: number;
}

const CHUNK = Buffer.alloc(64 * 1024, 'y');

/**
 * One large transfer through a server, its RSS sampled from /proc while the bytes flow: a
 * server that holds a body whole grows by about the body's size, one that streams does not.
 */
export async function measureStream(
  pid: number,
  url: string,
  direction: 'download' | 'upload',
  bytes: number,
  headers: Record<string, string>,
): Promise<StreamResult> {
  const rssBeforeMb = readMemory(pid).rssMb;
  let peak = rssBeforeMb;
  const sampler = setInterval(() => {
    peak = Math.max(peak, readMemory(pid).rssMb);
  }, 20);
  const started = performance.now();
  try {
    const { status, received } = await transfer(url, direction, bytes, headers);
    peak = Math.max(peak, readMemory(pid).rssMb);
    if (status !== 200) throw new Error(`${direction} of ${bytes} bytes through ${url} answered ${status}`);
    if (direction === 'download' && received !== bytes) {
      throw new Error(`download through ${url} gave ${received} bytes of ${bytes}`);
    }
    return {
      bytes,
      seconds: (performance.now() - started) / 1000,
      rssBeforeMb,
      rssGrowthMb: peak - rssBeforeMb,
      status,
    };
  } finally {
    clearInterval(sampler);
  }
}

function transfer(
  url: string,
  direction: 'download' | 'upload',
  bytes: number,
  headers: Record<string, string>,
): Promise<{ status: number; received: number }> {
  return new Promise((resolve, reject) => {
    const target = direction === 'download' ? `${url}/download?bytes=${bytes}` : `${url}/upload`;
    const req = request(
      target,
      {
        method: direction === 'download' ? 'GET' : 'POST',
        headers: direction === 'upload' ? { ...headers, 'content-type': 'application/octet-stream' } : headers,
      },
      (res) => {
        let received = 0;
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => {
          received += d.length;
          if (direction === 'upload') chunks.push(d);
        });
        res.on('end', () => {
          if (direction === 'upload') {
            // The backend says how much arrived; anything short is a failed upload.
            const said = Number((JSON.parse(Buffer.concat(chunks).toString() || '{}') as { bytes?: number }).bytes);
            if (res.statusCode === 200 && said !== bytes)
              reject(new Error(`upload: ${said} of ${bytes} bytes arrived`));
          }
          resolve({ status: res.statusCode ?? 0, received });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (direction === 'download') {
      req.end();
      return;
    }
    // Chunked, written as fast as the server takes it.
    let left = bytes;
    const write = () => {
      while (left > 0) {
        const piece = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
        left -= piece.length;
        if (!req.write(piece)) {
          req.once('drain', write);
          return;
        }
      }
      req.end();
    };
    write();
  });
}
