import { describe, expect, it } from 'vitest';
import { deriveApiUrl, isLoopbackUrl } from './github-urls.ts';

describe('deriveApiUrl', () => {
  it('maps github.com to api.github.com', () => {
    expect(deriveApiUrl('https://github.com')).toBe('https://api.github.com');
  });
  it('maps GitHub Enterprise Cloud (SUB.ghe.com) to api.SUB.ghe.com', () => {
    expect(deriveApiUrl('https://octocorp.ghe.com')).toBe('https://api.octocorp.ghe.com');
  });
  it('maps any other host (GitHub Enterprise Server) to /api/v3', () => {
    expect(deriveApiUrl('https://github.example.com')).toBe('https://github.example.com/api/v3');
    expect(deriveApiUrl('http://localhost:3001')).toBe('http://localhost:3001/api/v3');
  });
});

describe('isLoopbackUrl', () => {
  it.each(['http://localhost:3000', 'http://127.0.0.1', 'http://[::1]:8080'])('%s is loopback', (url) => {
    expect(isLoopbackUrl(url)).toBe(true);
  });
  it.each(['http://example.com', 'http://127.0.0.2.nip.io', 'http://localhost.evil.com'])('%s is not', (url) => {
    expect(isLoopbackUrl(url)).toBe(false);
  });
});
