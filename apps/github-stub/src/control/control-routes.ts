import type { Router } from '@koa/router';
import type { Context } from 'koa';
import type { StubControls } from '../controls.ts';
import { queryParams, readJsonBody } from '../http-input.ts';
import type { StubState } from '../state.ts';
import {
  parseEndpoint,
  parseFailure,
  parseRateLimitMode,
  parseTimes,
  requireBoolean,
  requireObject,
  requireString,
} from './control-input.ts';

export const CONTROL_PREFIX = '/_stub';

type Command = (body: Record<string, unknown>) => void;

/** Stub-only endpoints mirroring the programmatic controls, for out-of-process tests. */
export function addControlRoutes(router: Router, state: StubState, controls: StubControls): void {
  const commands = new Map<string, Command>(
    Object.entries({
      reset: () => controls.reset(),
      fail: (body) =>
        controls.failNext(parseEndpoint(body.endpoint), parseFailure(body.failure), parseTimes(body.times)),
      revoke: (body) => controls.revokeToken(requireString(body, 'token')),
      'org-membership': (body) =>
        controls.setOrgMembership(
          requireString(body, 'login'),
          requireString(body, 'org'),
          requireBoolean(body, 'member'),
        ),
      'team-membership': (body) =>
        controls.setTeamMembership(
          requireString(body, 'login'),
          requireString(body, 'org'),
          requireString(body, 'teamSlug'),
          requireBoolean(body, 'member'),
        ),
      'rate-limit': (body) => controls.setRateLimited(requireString(body, 'login'), parseRateLimitMode(body.mode)),
      'expiring-tokens': (body) => controls.setExpiringTokens(requireBoolean(body, 'on')),
    } satisfies Record<string, Command>),
  );

  router.post(`${CONTROL_PREFIX}/:command`, async (ctx: Context) => {
    const command = commands.get(String(ctx.params.command));
    if (!command) {
      ctx.status = 404;
      ctx.body = { message: 'Unknown stub command' };
      return;
    }
    command(requireObject(await readJsonBody(ctx)));
    ctx.status = 204;
  });
  router.get(`${CONTROL_PREFIX}/calls`, (ctx) => {
    ctx.body = state.calls;
  });
  router.get(`${CONTROL_PREFIX}/revoked`, (ctx) => {
    ctx.body = controls.revokedTokens();
  });
  router.get(`${CONTROL_PREFIX}/rate-limit`, (ctx) => {
    const login = requireString(queryParams(ctx), 'login');
    ctx.body = { login, limit: state.config.rateLimitPerHour, used: controls.rateLimitUsed(login) };
  });
  router.get(`${CONTROL_PREFIX}/issued`, (ctx) => {
    ctx.body = controls.issuedTokens();
  });
}
