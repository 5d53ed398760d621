import { build } from 'esbuild';
import { join } from 'node:path';
import { BENCH_DIR } from './paths.ts';

/** Where compiled programs go (dist/ is ignored by git, ESLint and Prettier); beside bench/node_modules, so imports resolve. */
export const OUT_DIR = join(BENCH_DIR, 'dist');

/**
 * The contenders' servers and the seeding worker run as plain JavaScript: under tsx, a server
 * would also carry the loader's thread and memory, and its RSS would not be its own.
 */
export async function compilePrograms(): Promise<void> {
  await build({
    entryPoints: ['bare-koa', 'node-http', 'authjs', 'passport', 'proxy-backend', 'koa-proxy'].map((name) =>
      join(BENCH_DIR, `src/contenders/servers/${name}-server.ts`),
    ),
    outdir: join(OUT_DIR, 'servers'),
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Their own small modules are bundled in; packages stay imports, resolved from bench/.
    bundle: true,
    packages: 'external',
    logLevel: 'warning',
  });
  // The worker seals with the product's codec: its TypeScript source is bundled in, zod is not.
  await build({
    entryPoints: [join(BENCH_DIR, 'src/seed/seal-worker.ts')],
    outdir: OUT_DIR,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    bundle: true,
    external: ['zod'],
    logLevel: 'warning',
  });
}

export function compiledServer(name: string): string {
  return join(OUT_DIR, 'servers', `${name}-server.js`);
}

export const SEAL_WORKER = join(OUT_DIR, 'seal-worker.js');
