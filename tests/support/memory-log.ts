import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { logMixin } from '@github-bff/bff/testing';

/** A pino logger as server.ts makes it (request ids through the mixin), writing to memory. */
export interface MemoryLog {
  readonly logger: Logger;
  /** Every line written so far, parsed. */
  entries(): Record<string, unknown>[];
  /** Every line written so far, as written. */
  text(): string;
}

export function memoryLog(level: 'info' | 'debug' = 'debug'): MemoryLog {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return {
    logger: pino({ level, mixin: logMixin }, sink),
    entries: () =>
      text
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => text,
  };
}
