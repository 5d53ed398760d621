// The page's first two questions to the BFF, asked while the bundle is still downloading: the
// bundle takes them over (api/bff-client.ts) instead of asking again once React has started, so
// the signed-in page waits for one round trip less. A file, not an inline script: the CSP is
// `script-src 'self'`. The same headers as every BFF call (the X-CSRF rule holds).
(function () {
  var ask = function (path) {
    return fetch(path, {
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { Accept: 'application/json', 'X-CSRF': '1' },
    });
  };
  window.__bffEarly = { '/api/me': ask('/api/me'), '/api/meta': ask('/api/meta') };
})();
