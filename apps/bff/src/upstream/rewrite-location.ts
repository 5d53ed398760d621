/**
 * Security: the backend's own address never reaches the browser. A `Location` (or
 * `Content-Location`) into the backend, absolute or relative to its base path, becomes the same
 * place under `/api/<name>`; anything else (another site) is passed as the backend wrote it.
 */
export function rewriteLocation(value: string, target: string, mount: string): string {
  const base = new URL(target);
  const basePath = base.pathname.replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(value, `${base.origin}${basePath}/`);
  } catch {
    return mount;
  }
  if (url.origin !== base.origin) return value;
  const inside = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
  const rest = inside ? url.pathname.slice(basePath.length) : url.pathname;
  return `${mount}${rest}${url.search}${url.hash}`;
}
