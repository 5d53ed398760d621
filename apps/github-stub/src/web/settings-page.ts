import type { StubUser } from '../types.ts';
import { hiddenField, userLabel } from './form-fields.ts';
import { escapeHtml, renderPage } from './html.ts';

function appRow(user: StubUser, stubUrl: string): string {
  const login = escapeHtml(user.login);
  // The visible label is "Revoke"; the hidden rest makes the accessible name
  // "Revoke access for <login>", which starts with the visible text (WCAG 2.5.3).
  return `<li>
<img src="${escapeHtml(`${stubUrl}/avatars/${user.login}.svg`)}" alt="" width="24" height="24">
<span>${escapeHtml(userLabel(user))}</span>
<form method="post" action="/settings/applications/revoke">
${hiddenField('login', user.login)}
<button type="submit">Revoke<span class="visually-hidden"> access for ${login}</span></button>
</form>
</li>`;
}

/** Like GitHub's "Authorized OAuth Apps": a Revoke button per made-up user with a live grant. */
export function renderSettingsPage(
  clientId: string,
  users: readonly StubUser[],
  stubUrl: string,
  revoked: StubUser | undefined,
): string {
  const status = revoked === undefined ? '' : `Access for ${escapeHtml(revoked.login)} revoked.`;
  const list =
    users.length === 0
      ? '<p>No made-up user has authorized this application.</p>'
      : `<ul class="apps">\n${users.map((user) => appRow(user, stubUrl)).join('\n')}\n</ul>`;
  return renderPage(
    'Authorized OAuth Apps',
    `<p>Made-up users who authorized application <code>${escapeHtml(clientId)}</code>. Revoking deletes the
authorization: every token of that user for the app stops working.</p>
<p role="status">${status}</p>
${list}`,
  );
}
