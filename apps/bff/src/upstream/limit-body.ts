import { Transform } from 'node:stream';
import { BffError } from '../errors/index.ts';

/**
 * Counts a request body as it streams through and fails it past `maxBytes`, so an upload is
 * refused (413) at the limit without ever being held whole, and the upstream request is aborted.
 */
export function limitBody(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) {
        done(new BffError('payload_too_large', { detail: `request body over ${maxBytes} bytes` }));
        return;
      }
      done(null, chunk);
    },
  });
}
