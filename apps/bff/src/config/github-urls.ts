const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLoopbackUrl(url: string): boolean {
  return LOOPBACK_HOSTS.has(new URL(url).hostname);
}

/**
 * Works out the REST API base from the web URL of a GitHub instance:
 * github.com → api.github.com; GitHub Enterprise Cloud with data residency (`SUB.ghe.com`)
 * → api.SUB.ghe.com; any other host is GitHub Enterprise Server → https://HOST/api/v3.
 * https://docs.github.com/en/enterprise-cloud@latest/admin/data-residency/network-details-for-ghecom
 * https://docs.github.com/en/enterprise-server@latest/rest/quickstart
 */
export function deriveApiUrl(githubUrl: string): string {
  const url = new URL(githubUrl);
  if (url.hostname === 'github.com') return 'https://api.github.com';
  if (url.hostname.endsWith('.ghe.com')) return `${url.protocol}//api.${url.host}`;
  return `${url.origin}/api/v3`;
}
