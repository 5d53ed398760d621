import type { SessionCodec } from './session-codec.ts';
import type { SessionStore } from './session-store.ts';

export interface RedisStoreOptions {
  readonly url: string;
  readonly keyPrefix: string;
  readonly codec: SessionCodec;
  readonly now?: () => number;
}

/** Placeholder until the Redis store lands (issue 4). */
export async function createRedisStore(_options: RedisStoreOptions): Promise<SessionStore> {
  throw new Error('SESSION_STORE=redis is not implemented yet');
}
