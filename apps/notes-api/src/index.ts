export { createNotesApi, DEFAULT_AUDIENCE, type NotesApi } from './app.ts';
export { startNotesApi, type RunningNotesApi } from './start-notes-api.ts';
export { CLOCK_TOLERANCE_SECONDS, MAX_TOKEN_LIFETIME_SECONDS } from './token-verifier.ts';
export type { Identity, Note, NotesApiOptions, StartNotesApiOptions } from './types.ts';
