// Parent scopes include their children:
// https://docs.github.com/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps#available-scopes
const PARENT_SCOPES: Readonly<Record<string, readonly string[]>> = {
  'user:email': ['user'],
  'read:user': ['user'],
  'read:org': ['write:org', 'admin:org'],
  'write:org': ['admin:org'],
};

/** GitHub documents `scope` as space-delimited; commas are accepted too. */
export function parseScopes(raw: string | undefined): string[] {
  const scopes = (raw ?? '').split(/[\s,]+/).filter((scope) => scope.length > 0);
  return [...new Set(scopes)];
}

/** The token response lists granted scopes comma-separated ("repo,gist"). */
export function formatScopes(scopes: readonly string[]): string {
  return scopes.join(',');
}

/** The scope itself and every scope that includes it. */
export function acceptedScopes(required: string): string[] {
  return [required, ...(PARENT_SCOPES[required] ?? [])];
}

export function hasScope(granted: readonly string[], required: string): boolean {
  return acceptedScopes(required).some((scope) => granted.includes(scope));
}
