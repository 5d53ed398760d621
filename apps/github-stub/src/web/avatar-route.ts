import type { Router } from '@koa/router';
import { findUser } from '../users.ts';
import { escapeHtml } from './html.ts';

const COLORS = ['#0969da', '#8250df', '#1a7f37', '#bc4c00'];

function avatarSvg(login: string, index: number): string {
  const initial = escapeHtml(login.charAt(0).toUpperCase());
  const color = COLORS[index % COLORS.length] ?? '#0969da';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
<rect width="64" height="64" rx="8" fill="${color}"/>
<text x="32" y="42" font-family="sans-serif" font-size="30" fill="#fff" text-anchor="middle">${initial}</text>
</svg>
`;
}

export function addAvatarRoute(router: Router): void {
  router.get('/avatars/:file', (ctx) => {
    const file = ctx.params.file ?? '';
    const user = file.endsWith('.svg') ? findUser(file.slice(0, -'.svg'.length)) : undefined;
    if (!user) {
      ctx.status = 404;
      ctx.body = 'Not Found';
      return;
    }
    ctx.type = 'image/svg+xml';
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = avatarSvg(user.login, user.id);
  });
}
