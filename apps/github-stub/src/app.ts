import { Router } from '@koa/router';
import Koa, { type Context, type Next } from 'koa';
import { addApplicationRoutes } from './api/application-routes.ts';
import { API_PREFIX, guardApiRequest, sendApiError } from './api/api-guard.ts';
import { addMembershipRoutes } from './api/membership-routes.ts';
import { addOrgListRoutes } from './api/org-list-routes.ts';
import { addReposRoute } from './api/repos-route.ts';
import { addUserRoutes } from './api/user-routes.ts';
import { addControlRoutes, CONTROL_PREFIX } from './control/control-routes.ts';
import type { StubControls } from './controls.ts';
import { queryParams } from './http-input.ts';
import type { StubState } from './state.ts';
import { addAccessTokenRoute } from './web/access-token-route.ts';
import { addAuthorizeRoutes } from './web/authorize-routes.ts';
import { addAvatarRoute } from './web/avatar-route.ts';
import { addSettingsRoutes } from './web/settings-routes.ts';
import { addSsoRoutes } from './web/sso-routes.ts';

function isHttpError(error: unknown): error is { status: number; expose: boolean; message: string } {
  return (
    error instanceof Error &&
    typeof (error as { status?: unknown }).status === 'number' &&
    (error as { expose?: unknown }).expose === true
  );
}

/** Bad input is a 4xx with its message; anything else is a 500 that does not leak. */
async function handleErrors(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
  } catch (error) {
    if (isHttpError(error) && error.status >= 400 && error.status < 500) {
      ctx.status = error.status;
      ctx.body = { message: error.message };
      return;
    }
    console.error('GitHub stand-in: unexpected error', error);
    ctx.status = 500;
    ctx.body = { message: 'Server Error' };
  }
}

function isApiPath(path: string): boolean {
  return path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
}

/** Builds the Koa app for one stub instance; opens no port. */
export function createStubApp(state: StubState, controls: StubControls): Koa {
  const app = new Koa();
  app.silent = true;
  app.use(handleErrors);
  app.use(async (ctx, next) => {
    if (!ctx.path.startsWith(`${CONTROL_PREFIX}/`)) {
      const call = { method: ctx.method, path: ctx.path, query: queryParams(ctx), time: state.config.now() };
      state.calls.push(call);
    }
    await next();
  });
  app.use((ctx, next) => (isApiPath(ctx.path) ? guardApiRequest(ctx, state, next) : next()));

  const web = new Router();
  addAuthorizeRoutes(web, state);
  addAccessTokenRoute(web, state);
  addAvatarRoute(web);
  addSsoRoutes(web, state);
  addSettingsRoutes(web, state);
  addControlRoutes(web, state, controls);

  const api = new Router({ prefix: API_PREFIX });
  addUserRoutes(api, state);
  addOrgListRoutes(api, state);
  addMembershipRoutes(api, state);
  addReposRoute(api, state);
  addApplicationRoutes(api, state);

  // No allowedMethods(): GitHub answers an unsupported method with 404, not 405.
  app.use(web.routes());
  app.use(api.routes());
  app.use((ctx) => {
    if (isApiPath(ctx.path)) return sendApiError(ctx, 404, 'Not Found');
    ctx.status = 404;
    ctx.type = 'text/plain';
    ctx.body = 'Not Found';
  });
  return app;
}
