import { randomUUID } from 'node:crypto';
import type { Context, Middleware } from 'koa';
import type { UpstreamConfig } from '../config/config.ts';
import { BffError, isBffError } from '../errors/index.ts';
import type { IdentityTokens } from '../identity/identity-tokens.ts';
import { statusClass, type BffMetrics } from '../metrics/bff-metrics.ts';
import type { Services } from '../services.ts';
import type { SignedIn } from '../signed-in/require-signed-in.ts';
import type { SignedInSession } from '../signed-in/signed-in-session.ts';
import { headersToUpstream } from '../upstream/forward-headers.ts';
import { forwardRequest } from '../upstream/forward-request.ts';
import type { UpstreamPools } from '../upstream/upstream-pools.ts';
import { encodeProxyPath, parseProxyPath } from './github-proxy-paths.ts';
import { mayUseUpstream } from './upstream-access.ts';

export interface UpstreamDeps {
  readonly metrics: BffMetrics;
  readonly pools: UpstreamPools;
  readonly identity: IdentityTokens;
  readonly signedIn: SignedIn;
}

/**
 * `/api/<name>/<rest>?<query>` → the upstream's `target` + `/<rest>?<query>` (RFC 10017's BFF
 * pattern): only the upstream's methods, only paths that mean what they say (the GitHub proxy's
 * rules: no `..`, no encoded slash or backslash), the `X-CSRF` rule of every `/api` call, and
 * the user's identity as a signed assertion, never the cookie.
 */
export function upstreamRoute(services: Services, upstream: UpstreamConfig, deps: UpstreamDeps): Middleware {
  const mount = `/api/${upstream.name}`;
  const basePath = new URL(upstream.target).pathname.replace(/\/+$/, '');
  const publicUrl = new URL(services.config.publicUrl);

  const forward = async (ctx: Context, identity: Record<string, string>) => {
    const rest = ctx.path.slice(mount.length) || '/';
    const segments = rest === '/' ? [] : parseProxyPath(rest);
    if (!segments) throw new BffError('bad_request', { detail: 'path refused before forwarding' });
    const path = `${basePath}${encodeProxyPath(segments)}${ctx.querystring ? `?${ctx.querystring}` : ''}`;
    const headers = headersToUpstream(ctx.req.headers, {
      'x-forwarded-for': ctx.ip,
      'x-forwarded-proto': publicUrl.protocol.slice(0, -1),
      'x-forwarded-host': publicUrl.host,
      'x-request-id': requestIdOf(ctx),
      ...identity,
    });
    const labels = { upstream: upstream.name };
    const end = deps.metrics.upstreamDuration.startTimer(labels);
    try {
      await forwardRequest(ctx, await deps.pools.poolFor(upstream), { upstream, mount, path: path || '/', headers });
      deps.metrics.upstreamRequests.inc({ ...labels, status_class: statusClass(ctx.status) });
    } catch (err) {
      deps.metrics.upstreamRequests.inc({
        ...labels,
        status_class: isBffError(err, 'payload_too_large') ? '4xx' : 'error',
      });
      throw err;
    } finally {
      end();
    }
  };

  const checkMethod = (ctx: Context) => {
    if (!upstream.methods.includes(ctx.method)) {
      throw new BffError('method_not_allowed', { headers: { Allow: upstream.methods.join(', ') } });
    }
  };

  if (upstream.anonymous) {
    return async (ctx) => {
      checkMethod(ctx);
      await forward(ctx, {});
    };
  }
  return deps.signedIn(async (ctx, session) => {
    checkMethod(ctx);
    if (!mayUseUpstream(upstream.access, session.user.login, session.memberships)) {
      if (session.memberships?.ssoWithheldOrgIds?.length) {
        throw new BffError('sso_withheld', { detail: `${upstream.name}: orgs withheld for SAML SSO` });
      }
      throw new BffError('not_allowed', {
        detail: `${upstream.name}: the access rule does not admit ${session.user.login}`,
      });
    }
    await forward(ctx, await identityHeaders(session, upstream, deps.identity));
  });
}

/** What tells the backend who this is: the assertion, and the GitHub token where trusted with it. */
export async function identityHeaders(
  session: SignedInSession,
  upstream: UpstreamConfig,
  identity: IdentityTokens,
): Promise<Record<string, string>> {
  const assertion = await identity.assertionFor(
    {
      sessionId: session.id,
      user: session.user,
      ...(session.memberships ? { orgs: session.memberships.orgs, teams: session.memberships.teams } : {}),
    },
    upstream.audience,
  );
  return {
    authorization: `Bearer ${assertion}`,
    ...(upstream.githubToken ? { 'x-github-token': session.github.accessToken } : {}),
  };
}

function requestIdOf(ctx: Context): string {
  const id: unknown = ctx.state.requestId;
  return typeof id === 'string' ? id : randomUUID();
}
