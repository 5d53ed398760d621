import type { StubOrg } from '../orgs.ts';
import type { StubUser } from '../types.ts';
import { hiddenField, userLabel, userOption } from './form-fields.ts';
import { escapeHtml, renderPage } from './html.ts';

export interface SsoPageInput {
  org: StubOrg;
  clientId: string;
  stubUrl: string;
  /** The user named by the authorization request, or undefined to pick a member. */
  user: StubUser | undefined;
  members: readonly StubUser[];
  authorizationRequest: string | undefined;
  returnTo: string | undefined;
}

/** The org's single sign-on page (a made-up identity provider): one Authorize button. */
export function renderSsoPage(input: SsoPageInput): string {
  const { org, user } = input;
  const hidden = [
    input.authorizationRequest === undefined ? '' : hiddenField('authorization_request', input.authorizationRequest),
    input.returnTo === undefined ? '' : hiddenField('return_to', input.returnTo),
  ].join('\n');
  const who =
    user === undefined
      ? `<fieldset>
<legend>Sign in as</legend>
${input.members.map((member, i) => userOption(member.login, userLabel(member), `${input.stubUrl}/avatars/${member.login}.svg`, i === 0)).join('\n')}
</fieldset>`
      : hiddenField('login', user.login);
  const intro =
    user === undefined
      ? `<p>Pick the member who signs in.</p>`
      : `<p>Signed in as <strong>${escapeHtml(userLabel(user))}</strong> through the organization's identity provider (made up).</p>`;
  return renderPage(
    `Single sign-on to ${org.login}`,
    `<p>The organization <code>${escapeHtml(org.login)}</code> requires SAML single sign-on.</p>
${intro}
<p>Authorize application <code>${escapeHtml(input.clientId)}</code> to access <code>${escapeHtml(org.login)}</code>'s resources.</p>
<form method="post" action="/orgs/${encodeURIComponent(org.login)}/sso">
${hidden}
${who}
<button type="submit">Authorize</button>
</form>`,
  );
}

export function renderSsoDonePage(org: StubOrg, user: StubUser, clientId: string): string {
  return renderPage(
    `Single sign-on to ${org.login}`,
    `<p role="status">Application <code>${escapeHtml(clientId)}</code> can now access <code>${escapeHtml(org.login)}</code>'s resources for <strong>${escapeHtml(user.login)}</strong>. You can close this page.</p>`,
  );
}
