import type { Middleware } from 'koa';
import helmet from 'koa-helmet';
import type { Config } from '../config/config.ts';

/**
 * Helmet's headers on every response, with a strict Content-Security-Policy: scripts and
 * styles only from this origin (no inline script), no framing, no plugins. Avatars come
 * from GitHub's image hosts (any https origin), or from the stand-in in demo mode.
 */
export function securityHeaders(config: Config): Middleware {
  const githubOrigin = new URL(config.github.url).origin;
  const imgSrc = ["'self'", 'data:', 'https:'];
  if (githubOrigin.startsWith('http:')) imgSrc.push(githubOrigin);
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc,
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // HSTS only means something over https; on http://localhost it would only pin trouble.
    strictTransportSecurity: config.session.secureCookie ? { maxAge: 63_072_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
}
