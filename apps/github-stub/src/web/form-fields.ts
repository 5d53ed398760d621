import type { StubUser } from '../types.ts';
import { escapeHtml } from './html.ts';

export function hiddenField(name: string, value: string): string {
  return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}

export function userLabel(user: StubUser): string {
  return user.name === null ? user.login : `${user.login} (${user.name})`;
}

export function userOption(login: string, label: string, avatarUrl: string, checked: boolean): string {
  return `<label><input type="radio" name="login" value="${escapeHtml(login)}"${checked ? ' checked' : ''}>
<img src="${escapeHtml(avatarUrl)}" alt="" width="24" height="24">${escapeHtml(label)}</label>`;
}
