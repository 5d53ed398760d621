import type { StubState } from '../state.ts';

export type ReturnTo = { ok: true; url: string | undefined } | { ok: false };

function originOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

/**
 * Where a stand-in page may send the browser back to: only the stand-in's own origin or the
 * registered callback's origin, so the page is no open redirect. Relative values are read
 * against the stand-in (so `//evil.example` is judged as evil.example).
 */
export function checkReturnTo(state: StubState, raw: string | undefined): ReturnTo {
  if (raw === undefined || raw === '') return { ok: true, url: undefined };
  let url: URL;
  try {
    url = new URL(raw, state.url);
  } catch {
    return { ok: false };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false };
  const allowed = [originOf(state.url), originOf(state.config.callbackUrl)];
  return allowed.includes(url.origin) ? { ok: true, url: url.toString() } : { ok: false };
}
