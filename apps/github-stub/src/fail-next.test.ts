import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubStub, type GitHubStub } from './index.ts';
import { callApi, CALLBACK, CLIENT_ID, exchangeCode, getCode, signInToken } from './test-helpers.ts';

let stub: GitHubStub;
beforeEach(async () => {
  stub = await startGitHubStub({ callbackUrl: CALLBACK });
});
afterEach(() => stub.close());

describe('failNext', () => {
  it('answers the next call with the status, then behaves again', async () => {
    const token = await signInToken(stub);
    stub.failNext('user', { status: 500 });
    const failed = await callApi(stub, '/user', token);
    expect(failed.status).toBe(500);
    expect(((await failed.json()) as { message: string }).message).toContain('Server Error');
    expect((await callApi(stub, '/user', token)).status).toBe(200);
  });

  it('sends a given HTML body as text/html and honours times', async () => {
    const token = await signInToken(stub);
    stub.failNext('emails', { status: 502, body: '<html>Bad gateway</html>' }, 2);
    for (let i = 0; i < 2; i += 1) {
      const response = await callApi(stub, '/user/emails', token);
      expect(response.status).toBe(502);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toBe('<html>Bad gateway</html>');
    }
    expect((await callApi(stub, '/user/emails', token)).status).toBe(200);
  });

  it('only affects the chosen endpoint', async () => {
    const token = await signInToken(stub);
    stub.failNext('repos', { status: 503 });
    expect((await callApi(stub, '/user', token)).status).toBe(200);
    expect((await callApi(stub, '/user/repos', token)).status).toBe(503);
  });

  it('malformed: 200 with a body that is not JSON', async () => {
    const token = await signInToken(stub);
    stub.failNext('user', { malformed: true });
    const response = await callApi(stub, '/user', token);
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it('oauthError on the token endpoint: 200 with that error', async () => {
    const code = await getCode(stub);
    stub.failNext('token', { oauthError: 'unverified_user_email' });
    const result = await exchangeCode(stub, code);
    expect(result.status).toBe(200);
    expect(result.json.error).toBe('unverified_user_email');
    expect(result.json.access_token).toBeUndefined();
    // The failed attempt did not consume the code.
    expect((await exchangeCode(stub, code)).json.access_token).toMatch(/^gho_/);
  });

  it('fails membership and revoke calls', async () => {
    const token = await signInToken(stub);
    stub.failNext('membership', { status: 500 });
    expect((await callApi(stub, '/user/memberships/orgs/acme', token)).status).toBe(500);
    stub.failNext('revoke', { status: 500 });
    const revoke = await fetch(`${stub.apiUrl}/applications/${CLIENT_ID}/token`, { method: 'DELETE' });
    expect(revoke.status).toBe(500);
  });

  it('hang: the request never answers, and close() ends it promptly', async () => {
    const token = await signInToken(stub);
    stub.failNext('user', { hang: true });
    const pending = callApi(stub, '/user', token).then(
      (response) => response.status,
      (error: unknown) => error,
    );
    const settledEarly = await Promise.race([pending, new Promise((r) => setTimeout(() => r('waiting'), 150))]);
    expect(settledEarly).toBe('waiting');
    const started = Date.now();
    await stub.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });

  it('delayMs: the normal answer, after the delay', async () => {
    const token = await signInToken(stub);
    stub.failNext('user', { delayMs: 600 });
    const started = Date.now();
    const response = await callApi(stub, '/user', token);
    expect(Date.now() - started).toBeGreaterThanOrEqual(590);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ login: 'mona' });
    const next = Date.now();
    expect((await callApi(stub, '/user', token)).status).toBe(200);
    // Only the next call was delayed (a loaded machine still answers well under 600 ms).
    expect(Date.now() - next).toBeLessThan(450);
  });

  it('delayMs on the token endpoint: a slow exchange still issues the token', async () => {
    const code = await getCode(stub);
    stub.failNext('token', { delayMs: 150 });
    const started = Date.now();
    const result = await exchangeCode(stub, code);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(result.json.access_token).toMatch(/^gho_/);
  });

  it('delayMs: close() ends a delayed request promptly, without answering', async () => {
    const token = await signInToken(stub);
    stub.failNext('user', { delayMs: 60_000 });
    const pending = callApi(stub, '/user', token).then(
      (response) => response.status,
      (error: unknown) => error,
    );
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await stub.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });

  it('rejects a bad delayMs', () => {
    expect(() => stub.failNext('user', { delayMs: -1 })).toThrow(RangeError);
    expect(() => stub.failNext('user', { delayMs: Number.NaN })).toThrow(RangeError);
  });

  it('rejects a bad times value', () => {
    expect(() => stub.failNext('user', { status: 500 }, 0)).toThrow(RangeError);
  });
});
