import type { MeResponse } from '@github-bff/bff/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchMe, onUnauthenticated, signOut as postSignOut, type SessionEnded } from './api/bff-client';
import { openAuthChannel, type AuthChannel } from './auth-channel';

export type SessionState =
  | { status: 'loading' }
  /** `byUser`: this tab's own sign-out, as opposed to a session that ended elsewhere. */
  | { status: 'signed-out'; byUser: boolean; ended?: SessionEnded }
  | { status: 'signed-in'; me: MeResponse }
  | { status: 'unavailable'; retryAfter?: number };

export interface Session {
  state: SessionState;
  /** Asks the BFF again, showing the loading state (the "Try again" button). */
  retry: () => void;
  /** Asks the BFF again without showing the loading state (something said the session may have ended). */
  refresh: () => void;
  /** Ends the session on the server, then shows the signed-out page without a reload. */
  signOut: (options?: { disconnect?: boolean }) => Promise<'signed-out' | 'failed'>;
}

/**
 * Who is signed in, according to `GET /api/me`, kept current across tabs: a 401 from any
 * call, a sign-out, or a message from another tab moves to signed-out; coming back to the
 * tab asks again.
 */
export function useSession(): Session {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const status = useRef<SessionState['status']>('loading');
  // Bumped whenever the answer changes; a /api/me reply from before then is stale.
  const generation = useRef(0);
  const channel = useRef<AuthChannel | undefined>(undefined);
  const backgroundCheck = useRef<Promise<void> | undefined>(undefined);

  const show = useCallback((next: SessionState) => {
    status.current = next.status;
    setState(next);
  }, []);

  const showSignedOut = useCallback(
    (announce: boolean, byUser = false, ended?: SessionEnded) => {
      generation.current += 1;
      if (announce && status.current === 'signed-in') channel.current?.announceSignedOut();
      show(ended === undefined ? { status: 'signed-out', byUser } : { status: 'signed-out', byUser, ended });
    },
    [show],
  );

  const check = useCallback(
    (background: boolean): Promise<void> => {
      const ticket = ++generation.current;
      return fetchMe().then((result) => {
        if (ticket !== generation.current) return;
        if (result.kind === 'signed-in') show({ status: 'signed-in', me: result.me });
        else if (result.kind === 'signed-out') showSignedOut(true, false, result.ended);
        // A hiccup while checking in the background does not hide a page that was working.
        else if (!background || status.current !== 'signed-in') {
          show({ status: 'unavailable', retryAfter: result.retryAfter });
        }
      });
    },
    [show, showSignedOut],
  );

  useEffect(() => {
    channel.current = openAuthChannel(() => showSignedOut(false));
    const unsubscribe = onUnauthenticated((ended) => showSignedOut(true, false, ended));
    void check(false);
    return () => {
      unsubscribe();
      channel.current?.close();
      channel.current = undefined;
    };
  }, [check, showSignedOut]);

  useEffect(() => {
    const recheck = () => {
      if (document.visibilityState !== 'visible' || backgroundCheck.current) return;
      // focus and visibilitychange usually arrive together: one request is enough.
      backgroundCheck.current = check(true).finally(() => {
        backgroundCheck.current = undefined;
      });
    };
    document.addEventListener('visibilitychange', recheck);
    window.addEventListener('focus', recheck);
    return () => {
      document.removeEventListener('visibilitychange', recheck);
      window.removeEventListener('focus', recheck);
    };
  }, [check]);

  const retry = useCallback(() => {
    show({ status: 'loading' });
    void check(false);
  }, [check, show]);

  const signOut = useCallback(
    async (options: { disconnect?: boolean } = {}): Promise<'signed-out' | 'failed'> => {
      const result = await postSignOut(options);
      if (result.kind === 'failed') return 'failed';
      showSignedOut(true, true);
      return 'signed-out';
    },
    [showSignedOut],
  );

  const refresh = useCallback(() => {
    void check(true);
  }, [check]);

  return { state, retry, refresh, signOut };
}
