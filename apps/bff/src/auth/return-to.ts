const MAX_LENGTH = 2048;
const BASE = new URL('https://same-origin.invalid');

/**
 * Where to send the browser after sign-in. Security: only same-origin relative paths pass;
 * everything else becomes `/`. That rules out `//evil`, `/\evil` (browsers treat `\` as `/`),
 * absolute and `javascript:` URLs, control characters (URL parsers drop tabs and newlines,
 * so `/\t/evil` would become `//evil`), encoded forms of all of these, and loops back into `/auth/`.
 */
export function sanitizeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_LENGTH) return '/';
  // Encoded variants (`/%2F%2Fevil`, `/%0a/evil`) are judged by what they decode to, so a
  // later decoding step anywhere cannot turn a harmless-looking path into an off-site one.
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return '/';
  }
  if (!isPlainPath(value) || !isPlainPath(decoded)) return '/';
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE.origin || url.pathname.startsWith('/auth/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

function isPlainPath(path: string): boolean {
  // eslint-disable-next-line no-control-regex
  return path.startsWith('/') && !path.startsWith('//') && !/[\\\u0000-\u001f\u007f]/.test(path);
}
