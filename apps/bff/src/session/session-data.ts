import type { GitHubTokens } from '../github/github-oauth.ts';
import type { GitHubUser } from '../github/github-user.ts';

/** A sign-in that has been started and not yet come back from GitHub. */
export interface PendingLogin {
  state: string;
  codeVerifier: string;
  returnTo: string;
  selectAccount: boolean;
  createdAt: number;
}

/**
 * Everything the server keeps for one browser. Lives only in the session store: the
 * cookie carries nothing but the (signed) random id.
 */
export interface SessionData {
  user?: GitHubUser;
  github?: GitHubTokens;
  /** Epoch ms of sign-in; the absolute lifetime counts from here. */
  createdAt?: number;
  /** Epoch ms of the last request, updated at most once a minute; the idle timeout counts from here. */
  lastSeenAt?: number;
  /** The store keeps the entry until then (epoch ms). */
  expiresAt?: number;
  /** The browser's User-Agent at sign-in (trimmed), for the sessions list. */
  userAgent?: string;
  /** Epoch ms when GitHub last confirmed the token and the user's access (org/team/user lists). */
  checkedAt?: number;
  pendingLogins?: PendingLogin[];
}

/** What koa-session puts on `ctx.session` (its bundled types do not declare it). */
export type AppSession = SessionData & {
  /** The raw id this session was loaded by (from the cookie); koa-session's getter. */
  readonly externalKey?: string;
  maxAge: number | 'session';
  regenerate(): Promise<void>;
  save(): Promise<void>;
};

declare module 'koa' {
  interface ExtendableContext {
    session: AppSession | null;
  }
}
