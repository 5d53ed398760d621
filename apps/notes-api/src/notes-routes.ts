import { Router } from '@koa/router';
import { ApiError } from './api-error.ts';
import { requireIdentity } from './auth-middleware.ts';
import type { EventsHub } from './events-hub.ts';
import { isRecord, readJsonBody } from './json-body.ts';
import type { NotesStore } from './notes-store.ts';
import type { TokenVerifier } from './token-verifier.ts';
import type { NotesState } from './types.ts';

export const MAX_NOTE_LENGTH = 1000;

export interface NotesRoutesDeps {
  readonly store: NotesStore;
  readonly hub: EventsHub;
  readonly verifier: TokenVerifier;
  readonly now: () => number;
}

/** The note's text, trimmed: 1–1000 characters (code points, so an emoji counts once). */
function readText(body: unknown): string {
  const text = isRecord(body) ? body['text'] : undefined;
  if (typeof text !== 'string') throw new ApiError(400, 'bad_request');
  const trimmed = text.trim();
  const length = [...trimmed].length;
  if (length < 1 || length > MAX_NOTE_LENGTH) throw new ApiError(400, 'bad_request');
  return trimmed;
}

export function createNotesRouter({ store, hub, verifier, now }: NotesRoutesDeps): Router<NotesState> {
  const router = new Router<NotesState>({ prefix: '/notes' });
  router.use(requireIdentity(verifier));

  router.get('/', (ctx) => {
    ctx.body = { notes: store.list(ctx.state.identity.sub) };
  });

  router.post('/', async (ctx) => {
    const text = readText(await readJsonBody(ctx));
    const { sub } = ctx.state.identity;
    const note = store.create(sub, text, now());
    hub.notify(sub);
    ctx.status = 201;
    ctx.body = note;
  });

  router.delete('/:id', (ctx) => {
    const { sub } = ctx.state.identity;
    // Someone else's note and no note at all answer the same: ids reveal nothing.
    if (!store.remove(sub, ctx.params.id ?? '')) throw new ApiError(404, 'not_found');
    hub.notify(sub);
    ctx.status = 204;
  });

  return router;
}
