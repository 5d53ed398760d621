export interface NotesApiOptions {
  /** Where the BFF publishes its public keys, e.g. `http://localhost:3000/.well-known/jwks.json`. */
  readonly jwksUrl: string;
  /** The BFF's PUBLIC_URL, compared exactly with the token's `iss`. */
  readonly issuer: string;
  /** This API's audience, compared with the token's `aud`. Default `notes-api`. */
  readonly audience?: string;
  /** SQLite file; `:memory:` keeps the notes in memory. */
  readonly dbPath: string;
  /** Milliseconds since the epoch; tests move it to check expiry without waiting. */
  readonly now?: () => number;
  /** How long a fetched JWKS is trusted before it is fetched again (jose `cacheMaxAge`). Default 5 minutes. */
  readonly jwksCacheMaxAgeMs?: number;
  /** Least time between two fetches caused by an unknown `kid` (jose `cooldownDuration`). Default 30 s. */
  readonly jwksCooldownMs?: number;
  /** WebSocket ping interval; a socket that has not answered the previous ping is dropped. Default 30 s. */
  readonly heartbeatMs?: number;
  /** One line per operational event (never a token). Default `console.error`. */
  readonly log?: (line: string) => void;
}

export interface StartNotesApiOptions extends NotesApiOptions {
  /** Default 0: a free port. */
  readonly port?: number;
  /** Default `localhost`. */
  readonly host?: string;
}

/** Who the BFF says is calling, from a verified token. */
export interface Identity {
  /** The GitHub numeric user id, as a string. */
  readonly sub: string;
  readonly login: string | undefined;
  /** The BFF's per-session id (not the cookie). */
  readonly sid: string | undefined;
}

export interface Note {
  readonly id: string;
  readonly text: string;
  /** ISO 8601, UTC. */
  readonly createdAt: string;
}

/** Koa state of an authenticated request. */
export interface NotesState {
  identity: Identity;
}
