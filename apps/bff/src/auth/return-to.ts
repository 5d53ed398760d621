const MAX_LENGTH = 2048;
const BASE = new URL('https://same-origin.invalid');

/**
 * Where to send the browser after sign-in. Security: the answer is always a path that a browser,
 * given it as `Location`, resolves onto our own origin; anything else becomes `/`.
 *
 * It is judged after normalisation, the way the browser will see it: `/./` and `/x/../` (also as
 * `%2e`) are removed by URL parsing, so `/.//evil.example` would otherwise come out as
 * `//evil.example`, a link to another host. Before and after, the path may not start with `//` or
 * `/\` (browsers treat `\` as `/`) nor hold control characters (URL parsers drop tabs and
 * newlines, so `/\t/evil` becomes `//evil`), raw or percent-decoded. A result that would not come
 * out of this function unchanged is refused, so sanitising twice never changes the answer.
 * Loops back into `/auth/` are refused however they are spelled (the router ignores case).
 */
export function sanitizeReturnTo(value: unknown): string {
  if (typeof value !== 'string') return '/';
  const normalised = normalise(value);
  if (normalised === undefined || normalise(normalised) !== normalised) return '/';
  return normalised;
}

/** The normalised same-origin path, or undefined when `value` is not one. */
function normalise(value: string): string | undefined {
  if (value.length > MAX_LENGTH || !isPlainPath(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== BASE.origin) return undefined;
  const result = `${url.pathname}${url.search}${url.hash}`;
  if (result.length > MAX_LENGTH || !isPlainPath(result) || isAuthPath(url.pathname)) return undefined;
  return result;
}

/** A rooted path, not protocol-relative, no backslash or control character, raw or decoded. */
function isPlainPath(path: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return false;
  }
  return [path, decoded].every(
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    (p) => p.startsWith('/') && !p.startsWith('//') && !/[\\\u0000-\u001f\u007f]/.test(p),
  );
}

function isAuthPath(pathname: string): boolean {
  const lower = safeDecode(pathname).toLowerCase();
  return lower === '/auth' || lower.startsWith('/auth/');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
