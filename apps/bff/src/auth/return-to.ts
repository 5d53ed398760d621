const MAX_LENGTH = 2048;
const BASE = new URL('https://same-origin.invalid');

/**
 * Where to send the browser after sign-in. Security: only same-origin relative paths pass;
 * everything else becomes `/`. That rules out `//evil`, `/\evil` (browsers treat `\` as `/`),
 * absolute and `javascript:` URLs, control characters (URL parsers drop tabs and newlines,
 * so `/\t/evil` would become `//evil`), and loops back into `/auth/`.
 */
export function sanitizeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_LENGTH) return '/';
  if (!value.startsWith('/') || value.startsWith('//')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return '/';
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE.origin || url.pathname.startsWith('/auth/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
