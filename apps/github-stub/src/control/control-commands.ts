import type { StubControls } from '../controls.ts';
import {
  parseEndpoint,
  parseFailure,
  parseRateLimitMode,
  parseStringList,
  parseTeamRefs,
  parseTimes,
  requireBoolean,
  optionalString,
  requireInteger,
  requireObject,
  requireString,
} from './control-input.ts';

/** A control over HTTP: undefined is answered 204, anything else 200 with it as JSON. */
export type Command = (body: Record<string, unknown>) => unknown;

/** POST /_stub/<name> commands, each mirroring a programmatic control. */
export function createCommands(controls: StubControls): Map<string, Command> {
  return new Map<string, Command>(
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
      orgs: (body) => controls.setOrgs(requireString(body, 'login'), parseStringList(body, 'orgs')),
      teams: (body) => controls.setTeams(requireString(body, 'login'), parseTeamRefs(body.teams)),
      'generated-teams': (body) => ({
        slugs: controls.addGeneratedTeams(
          requireString(body, 'login'),
          requireString(body, 'org'),
          requireInteger(body, 'count', 1, 10_000),
        ),
      }),
      sso: (body) => {
        const login = requireString(body, 'login');
        const org = requireString(body, 'org');
        if (requireBoolean(body, 'authorized')) controls.authorizeSso(login, org);
        else controls.revokeSso(login, org);
      },
      webhook: (body) =>
        controls.setWebhook({ url: optionalString(body, 'url'), secret: optionalString(body, 'secret') }),
      'send-webhook': (body) => controls.sendWebhook(requireString(body, 'event'), requireObject(body.payload)),
      'redeliver-webhook': (body) => controls.redeliverWebhook(requireString(body, 'deliveryId')),
      'flush-webhooks': () => controls.flushWebhooks().then(() => undefined),
      'rate-limit': (body) => controls.setRateLimited(requireString(body, 'login'), parseRateLimitMode(body.mode)),
      'expiring-tokens': (body) => controls.setExpiringTokens(requireBoolean(body, 'on')),
    } satisfies Record<string, Command>),
  );
}
