import { isRecord } from '../http-input.ts';
import type { RateLimitMode, StubEndpoint, StubFailure, StubTeamRef } from '../types.ts';

const ENDPOINTS: readonly StubEndpoint[] = [
  'token',
  'user',
  'emails',
  'orgs',
  'teams',
  'revoke',
  'membership',
  'repos',
];

/** Thrown for a control request whose body does not fit; answered with 400. */
export class ControlInputError extends Error {
  readonly status = 400;
  readonly expose = true;
}

export function requireString(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value === '') throw new ControlInputError(`"${key}" must be a non-empty string`);
  return value;
}

export function requireBoolean(body: Record<string, unknown>, key: string): boolean {
  const value = body[key];
  if (typeof value !== 'boolean') throw new ControlInputError(`"${key}" must be a boolean`);
  return value;
}

export function requireObject(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) throw new ControlInputError('Expected a JSON object');
  return value;
}

export function parseEndpoint(value: unknown): StubEndpoint {
  const endpoint = ENDPOINTS.find((candidate) => candidate === value);
  if (!endpoint) throw new ControlInputError(`"endpoint" must be one of ${ENDPOINTS.join(', ')}`);
  return endpoint;
}

export function parseFailure(value: unknown): StubFailure {
  const failure = requireObject(value);
  if (failure.hang === true) return { hang: true };
  if (failure.malformed === true) return { malformed: true };
  const { delayMs } = failure;
  if (typeof delayMs === 'number' && Number.isFinite(delayMs) && delayMs >= 0) return { delayMs };
  if (typeof failure.oauthError === 'string') return { oauthError: failure.oauthError };
  const { status, body } = failure;
  if (typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599) {
    if (body === undefined) return { status };
    if (typeof body === 'string') return { status, body };
  }
  throw new ControlInputError(
    '"failure" must be {status, body?}, {hang: true}, {delayMs}, {malformed: true} or {oauthError}',
  );
}

export function parseTimes(value: unknown): number {
  if (value === undefined) return 1;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  throw new ControlInputError('"times" must be a positive integer');
}

export function parseRateLimitMode(value: unknown): RateLimitMode {
  if (value === 'primary' || value === 'secondary' || value === false) return value;
  throw new ControlInputError('"mode" must be "primary", "secondary" or false');
}

export function requireInteger(body: Record<string, unknown>, key: string, min: number, max: number): number {
  const value = body[key];
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  throw new ControlInputError(`"${key}" must be an integer from ${min} to ${max}`);
}

export function parseStringList(body: Record<string, unknown>, key: string): string[] {
  const value = body[key];
  if (Array.isArray(value) && value.every((item): item is string => typeof item === 'string' && item !== '')) {
    return value;
  }
  throw new ControlInputError(`"${key}" must be an array of non-empty strings`);
}

export function parseTeamRefs(value: unknown): StubTeamRef[] {
  if (!Array.isArray(value)) throw new ControlInputError('"teams" must be an array of {org, slug}');
  return value.map((item) => {
    const team = requireObject(item);
    return { org: requireString(team, 'org'), slug: requireString(team, 'slug') };
  });
}

/** A string, or undefined when absent or null. */
export function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ControlInputError(`"${key}" must be a string or null`);
  return value;
}
