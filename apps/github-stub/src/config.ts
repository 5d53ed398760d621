import { STUB_DEFAULTS } from './defaults.ts';
import type { GitHubStubOptions } from './types.ts';

/** The options of one stub, checked and with the defaults filled in. */
export interface StubConfig {
  clientId: string;
  clientSecret: string;
  callbackUrl: string | undefined;
  expiringTokens: boolean;
  accessTokenLifetimeSeconds: number;
  rateLimitPerHour: number;
  /** Live tokens per user/app/scope combination; false for no limit. */
  tokenLimit: number | false;
  /** Whole token length, prefix included; undefined keeps GitHub's usual lengths. */
  tokenLength: number | undefined;
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  now: () => number;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

/** Long enough for a prefix and some randomness; short enough to stay a header value. */
function tokenLength(value: number): number {
  if (!Number.isInteger(value) || value < 8 || value > 8192) {
    throw new RangeError('tokenLength must be an integer from 8 to 8192');
  }
  return value;
}

export function webhookUrl(value: string): string {
  if (!/^https?:\/\//i.test(value) || !URL.canParse(value)) throw new RangeError('webhookUrl must be an http(s) URL');
  return value;
}

export function createConfig(options: GitHubStubOptions): StubConfig {
  return {
    clientId: options.clientId ?? STUB_DEFAULTS.clientId,
    clientSecret: options.clientSecret ?? STUB_DEFAULTS.clientSecret,
    callbackUrl: options.callbackUrl,
    expiringTokens: options.expiringTokens ?? false,
    accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? STUB_DEFAULTS.accessTokenLifetimeSeconds,
    rateLimitPerHour: positiveInteger('rateLimitPerHour', options.rateLimitPerHour ?? STUB_DEFAULTS.rateLimitPerHour),
    tokenLimit:
      options.tokenLimit === false
        ? false
        : positiveInteger('tokenLimit', options.tokenLimit ?? STUB_DEFAULTS.tokenLimit),
    tokenLength: options.tokenLength === undefined ? undefined : tokenLength(options.tokenLength),
    webhookUrl: options.webhookUrl === undefined ? undefined : webhookUrl(options.webhookUrl),
    webhookSecret: options.webhookSecret,
    now: options.now ?? Date.now,
  };
}
