import type { Page } from 'playwright-core';
import type { RunningProduct } from './product.ts';

/** On the stand-in's authorize page: pick a user and approve (or deny). */
export async function answerOnGitHub(page: Page, login: string, decision: 'Authorize' | 'Cancel' = 'Authorize') {
  await page.waitForURL((url) => url.pathname === '/login/oauth/authorize');
  await page.getByRole('radio', { name: new RegExp(`^${login}\\b`) }).check();
  await page.getByRole('button', { name: decision }).click();
}

/** From a signed-out page: the button, GitHub, and back. */
export async function signInThroughPage(page: Page, login = 'mona'): Promise<void> {
  await page.getByRole('button', { name: 'Sign in with GitHub' }).click();
  await answerOnGitHub(page, login);
  await page.getByRole('heading', { name: /Welcome/ }).waitFor();
}

/** Controls of the stand-in over HTTP (it may run in another process). */
export async function stubControl(product: RunningProduct, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${product.stubUrl}/_stub/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`stub control ${path}: ${res.status}`);
  return res.status === 204 ? undefined : res.json();
}
