const TOKEN_ERRORS_DOC =
  'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors';
const AUTHORIZE_ERRORS_DOC =
  'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors';

// Descriptions and anchors as GitHub documents them on the two troubleshooting pages above.
const KNOWN_ERRORS: Readonly<Record<string, { description: string; uri: string }>> = {
  incorrect_client_credentials: {
    description: 'The client_id and/or client_secret passed are incorrect.',
    uri: `${TOKEN_ERRORS_DOC}/#incorrect-client-credentials`,
  },
  redirect_uri_mismatch: {
    description: 'The redirect_uri MUST match the registered callback URL for this application.',
    uri: `${TOKEN_ERRORS_DOC}/#redirect-uri-mismatch2`,
  },
  bad_verification_code: {
    description: 'The code passed is incorrect or expired.',
    uri: `${TOKEN_ERRORS_DOC}/#bad-verification-code`,
  },
  bad_refresh_token: {
    description: 'The refresh token passed is incorrect or expired.',
    uri: `${TOKEN_ERRORS_DOC}/#bad-refresh-token`,
  },
  unsupported_grant_type: {
    description: 'The grant type is not supported.',
    uri: TOKEN_ERRORS_DOC,
  },
  access_denied: {
    description: 'The user has denied your application access.',
    uri: `${AUTHORIZE_ERRORS_DOC}/#access-denied`,
  },
};

export interface OAuthErrorBody {
  error: string;
  error_description: string;
  error_uri: string;
}

export function oauthErrorBody(error: string, description?: string): OAuthErrorBody {
  const known = KNOWN_ERRORS[error];
  return {
    error,
    error_description: description ?? known?.description ?? error,
    error_uri: known?.uri ?? TOKEN_ERRORS_DOC,
  };
}

/** The authorize endpoint's redirect-mismatch error is reported on the authorize page docs. */
export function authorizeRedirectMismatch(): OAuthErrorBody {
  return {
    ...oauthErrorBody('redirect_uri_mismatch'),
    error_uri: `${AUTHORIZE_ERRORS_DOC}/#redirect-uri-mismatch`,
  };
}
