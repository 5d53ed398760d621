import type { Router } from '@koa/router';
import type { Context } from 'koa';
import type { StubControls } from '../controls.ts';
import { queryParams, readJsonBody } from '../http-input.ts';
import type { StubState } from '../state.ts';
import { createCommands } from './control-commands.ts';
import { ControlInputError, requireObject, requireString } from './control-input.ts';

export const CONTROL_PREFIX = '/_stub';

/** Stub-only endpoints mirroring the programmatic controls, for out-of-process tests. */
export function addControlRoutes(router: Router, state: StubState, controls: StubControls): void {
  const commands = createCommands(controls);

  router.post(`${CONTROL_PREFIX}/:command`, async (ctx: Context) => {
    const command = commands.get(String((ctx.params as Record<string, string | undefined>).command));
    if (!command) {
      ctx.status = 404;
      ctx.body = { message: 'Unknown stub command' };
      return;
    }
    const body = requireObject(await readJsonBody(ctx));
    // The programmatic controls throw RangeError for values out of range: bad input here.
    const result: unknown = await Promise.resolve()
      .then(() => command(body))
      .catch((error: unknown) => {
        throw error instanceof RangeError ? new ControlInputError(error.message) : error;
      });
    if (result === undefined) ctx.status = 204;
    else ctx.body = result;
  });
  router.get(`${CONTROL_PREFIX}/calls`, (ctx) => {
    ctx.body = state.calls;
  });
  router.get(`${CONTROL_PREFIX}/revoked`, (ctx) => {
    ctx.body = controls.revokedTokens();
  });
  router.get(`${CONTROL_PREFIX}/webhook-deliveries`, (ctx) => {
    ctx.body = controls.webhookDeliveries();
  });
  router.get(`${CONTROL_PREFIX}/revocations`, (ctx) => {
    ctx.body = controls.revocations();
  });
  router.get(`${CONTROL_PREFIX}/rate-limit`, (ctx) => {
    const login = requireString(queryParams(ctx), 'login');
    ctx.body = { login, limit: state.config.rateLimitPerHour, used: controls.rateLimitUsed(login) };
  });
  router.get(`${CONTROL_PREFIX}/issued`, (ctx) => {
    ctx.body = controls.issuedTokens();
  });
}
