import { STUB_USERS } from '../users.ts';
import type { AuthorizeRequest } from './authorize-request.ts';
import { hiddenField, userLabel, userOption } from './form-fields.ts';
import { escapeHtml, renderPage } from './html.ts';

/** The consent page: a plain form, no script, posting back to the same URL. */
export function renderAuthorizePage(request: AuthorizeRequest, stubUrl: string): string {
  const suggested = STUB_USERS.find((user) => user.login === request.suggestedLogin?.toLowerCase());
  const selected = suggested?.login ?? STUB_USERS[0]?.login;
  const options = STUB_USERS.map((user) =>
    userOption(user.login, userLabel(user), `${stubUrl}/avatars/${user.login}.svg`, user.login === selected),
  ).join('\n');
  // The `login` radio replaces GitHub's `login` hint parameter, so the hint is not repeated.
  const hidden = Object.entries(request.params)
    .filter(([name]) => name !== 'login')
    .map(([name, value]) => hiddenField(name, value))
    .join('\n');
  const scopes = request.scopes.length === 0 ? '(none: public data only)' : request.scopes.join(', ');
  return renderPage(
    'Authorize application',
    `<p>Application <code>${escapeHtml(request.clientId)}</code> wants to sign you in.</p>
<p>Scopes requested: <code>${escapeHtml(scopes)}</code></p>
<p>You will be sent back to <code>${escapeHtml(request.redirectUri)}</code>.</p>
<form method="post" action="/login/oauth/authorize">
${hidden}
<fieldset>
<legend>Sign in as</legend>
${options}
</fieldset>
<button type="submit" name="decision" value="approve">Authorize</button>
<button type="submit" name="decision" value="deny">Cancel</button>
</form>`,
  );
}
