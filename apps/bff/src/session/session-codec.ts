import { createSealedBox } from '../crypto/sealed-box.ts';
import { parsePendingLogin, parseSessionData } from './parse-session-data.ts';
import type { PendingLogin, SessionData } from './session-data.ts';

/**
 * What the stores keep, sealed (crypto/sealed-box.ts), and parsed again on the way out. `key` is
 * the row's own key, bound in so a record copied under another key does not open; a pending
 * login's key is prefixed so it can never open as a session, nor a session as a pending login.
 */
export interface SessionCodec {
  encode(key: string, data: SessionData): string;
  decode(key: string, sealed: string): SessionData | undefined;
  encodePending(key: string, login: PendingLogin): string;
  decodePending(key: string, sealed: string): PendingLogin | undefined;
}

export function createSessionCodec(secrets: readonly string[]): SessionCodec {
  const box = createSealedBox(secrets);
  const opened = <T>(text: string | undefined, parse: (json: string) => T | undefined) =>
    text === undefined ? undefined : parse(text);
  return {
    encode: (key, data) => box.seal(key, JSON.stringify(data)),
    decode: (key, sealed) => opened(box.open(key, sealed), parseSessionData),
    encodePending: (key, login) => box.seal(`pending:${key}`, JSON.stringify(login)),
    decodePending: (key, sealed) => opened(box.open(`pending:${key}`, sealed), parsePendingLogin),
  };
}
