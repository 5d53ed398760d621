import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { BENCH_DIR } from '../support/paths.ts';

export interface InitialAssets {
  /** Gzipped bytes (zlib's default level, as Vite's own report) of what index.html loads up front. */
  readonly jsGzip: number;
  readonly cssGzip: number;
  readonly jsRaw: number;
  readonly cssRaw: number;
  readonly files: readonly string[];
}

/**
 * What the browser must fetch before the first render: the module scripts, module preloads and
 * stylesheets named in the built index.html (lazy chunks are not initial and not counted).
 */
export function measureInitialAssets(distDir: string): InitialAssets {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*\bhref="([^"]+\.(?:js|css))"/g),
  ].map((m) => m[1]!);
  let jsGzip = 0;
  let cssGzip = 0;
  let jsRaw = 0;
  let cssRaw = 0;
  for (const file of new Set(files)) {
    const bytes = readFileSync(join(distDir, file.replace(/^\//, '')));
    const gz = gzipSync(bytes).length;
    if (file.endsWith('.css')) {
      cssGzip += gz;
      cssRaw += bytes.length;
    } else {
      jsGzip += gz;
      jsRaw += bytes.length;
    }
  }
  return { jsGzip, cssGzip, jsRaw, cssRaw, files: [...new Set(files)] };
}

/** Builds bench/baseline-app (React 19 + ReactDOM rendering one heading) with Vite, as apps/web is built. */
export async function buildBaselineApp(): Promise<string> {
  const root = join(BENCH_DIR, 'baseline-app');
  const outDir = join(BENCH_DIR, 'dist', 'baseline');
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins: [react()],
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}
