import { parentPort, workerData } from 'node:worker_threads';
import { createSessionCodec, generateToken, idOfToken } from '@github-bff/bff/testing';
import { seededSessionData } from './seed-data.ts';

/**
 * Seeding's CPU work, off the main thread: making ids (and their hashes, the store's keys) and
 * sealing rows with the product's own codec. Answers one message per request.
 */
export type SealRequest =
  | { readonly kind: 'ids'; readonly count: number; readonly keepProbability: number }
  | { readonly kind: 'seal'; readonly handles: readonly string[]; readonly firstUserId: number };

export type SealResponse =
  | { readonly kind: 'ids'; readonly handles: string[]; readonly kept: [handle: string, id: string][] }
  | { readonly kind: 'seal'; readonly sealed: string[] };

const { secret, avatarBase, now } = workerData as { secret: string; avatarBase: string; now: number };
const codec = createSessionCodec([secret]);

parentPort?.on('message', (request: SealRequest) => {
  if (request.kind === 'ids') {
    const handles: string[] = [];
    const kept: [string, string][] = [];
    for (let i = 0; i < request.count; i++) {
      const id = generateToken();
      const handle = idOfToken(id);
      handles.push(handle);
      if (Math.random() < request.keepProbability) kept.push([handle, id]);
    }
    parentPort?.postMessage({ kind: 'ids', handles, kept } satisfies SealResponse);
    return;
  }
  const sealed = request.handles.map((handle, i) =>
    codec.encode(handle, seededSessionData(request.firstUserId + i, avatarBase, now)),
  );
  parentPort?.postMessage({ kind: 'seal', sealed } satisfies SealResponse);
});
