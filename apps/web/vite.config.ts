import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

function readPort(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name} must be a TCP port (1-65535), got ${JSON.stringify(raw)}`);
  }
  return port;
}

// Same host name as the page ("localhost", never 127.0.0.1): cookies are per host.
const toBff: ProxyOptions = {
  target: `http://localhost:${readPort('BFF_PORT', 3000)}`,
  // The BFF must see the browser's Host, and X-Forwarded-* for the original request.
  changeOrigin: false,
  xfwd: true,
  // Upstreams with "websocket": true (the notes' live updates) upgrade through here too.
  ws: true,
};

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    host: 'localhost',
    port: readPort('WEB_PORT', 5173),
    strictPort: true,
    // Keys starting with ^ are regular expressions: '/auth' alone would also match '/authors'.
    proxy: {
      '^/api/': toBff,
      '^/auth/': toBff,
    },
  },
});
