import type { ConfigInput } from './config-input.ts';
import { isLoopbackUrl } from './github-urls.ts';

/** PUBLIC_URL, GITHUB_URL, GITHUB_API_URL: given where required, https in production. */
export function validateUrls({ env, invalid, production, publicUrl, githubUrl, apiUrl }: ConfigInput): string[] {
  const problems: string[] = [];
  if (production && !env.PUBLIC_URL && !invalid.has('PUBLIC_URL')) {
    problems.push('PUBLIC_URL is missing: set it to the origin users open, e.g. https://app.example.com');
  }
  if (!production) return problems;
  for (const [name, value] of [
    ['PUBLIC_URL', publicUrl],
    ['GITHUB_URL', githubUrl],
    ['GITHUB_API_URL', apiUrl],
  ] as const) {
    if (invalid.has(name)) continue;
    if (value.startsWith('http:') && !isLoopbackUrl(value)) {
      problems.push(`${name} must use https in production (http is allowed only for localhost): ${value}`);
    }
  }
  return problems;
}
