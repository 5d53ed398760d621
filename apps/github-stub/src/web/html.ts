import type { Context } from 'koa';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1f2328}
.banner{background:#fff8c5;border:1px solid #d4a72c;padding:.5rem .75rem;border-radius:6px}
fieldset{border:1px solid #d0d7de;border-radius:6px;margin:1rem 0}label{display:block;padding:.35rem 0}
img{vertical-align:middle;margin-right:.5rem}button{font-size:1rem;padding:.4rem 1rem;margin-right:.5rem}
button:focus-visible,input:focus-visible{outline:3px solid #0969da;outline-offset:2px}
ul.apps{list-style:none;padding:0}ul.apps li{display:flex;align-items:center;gap:.5rem;padding:.5rem 0}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}`;

/** A whole page; `body` must already be escaped. */
export function renderPage(heading: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GitHub stand-in (demo) · ${escapeHtml(heading)}</title>
<style>${STYLE}</style>
</head>
<body>
<p class="banner">GitHub stand-in (demo): not GitHub. Nothing here is real.
<a href="/settings/applications">Authorized OAuth Apps</a></p>
<h1>${escapeHtml(heading)}</h1>
${body}
</body>
</html>
`;
}

export function renderErrorPage(status: number, message: string): string {
  const heading = status === 404 ? 'Not Found' : 'Bad request';
  return renderPage(heading, `<p>${escapeHtml(message)}</p>`);
}

/** A stand-in page; never framed, like GitHub's own pages. */
export function sendHtml(ctx: Context, status: number, html: string): void {
  ctx.status = status;
  ctx.type = 'text/html';
  ctx.set('X-Frame-Options', 'deny');
  ctx.body = html;
}
