import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientIpOf, requestIdFor } from './request-context.ts';

const req = (xff: string | undefined, peer = '10.0.0.2') =>
  ({
    headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
    socket: { remoteAddress: peer },
  }) as unknown as IncomingMessage;

describe('clientIpOf (what is not a Koa request: WebSocket upgrades)', () => {
  it('is the peer without a trusted proxy, whatever X-Forwarded-For says', () => {
    expect(clientIpOf(req('203.0.113.9'), false, 1)).toBe('10.0.0.2');
  });
  it('with a trusted proxy, is what the right-most hops saw, never what the client wrote before them', () => {
    expect(clientIpOf(req('6.6.6.6, 198.51.100.7'), true, 1)).toBe('198.51.100.7');
    expect(clientIpOf(req('6.6.6.6,198.51.100.7, 10.1.1.1'), true, 2)).toBe('198.51.100.7');
    expect(clientIpOf(req(undefined), true, 1)).toBe('10.0.0.2');
    expect(clientIpOf(req(''), true, 1)).toBe('10.0.0.2');
  });
});

describe('requestIdFor', () => {
  it('keeps a well-formed id only from a trusted proxy', () => {
    expect(requestIdFor('edge-1', true)).toBe('edge-1');
    expect(requestIdFor('edge-1', false)).not.toBe('edge-1');
    expect(requestIdFor('bad id', true)).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFor(undefined, true)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
