import { build, type Plugin } from 'esbuild';
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
    entryPoints: ['bare-koa', 'koa-session', 'node-http', 'authjs', 'passport', 'proxy-backend', 'koa-proxy'].map(
      (name) => join(BENCH_DIR, `src/contenders/servers/${name}-server.ts`),
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
  // The worker seals with the product's codec: its TypeScript source is bundled in, packages
  // are not. The testing entry reaches CommonJS packages (depd requires Node's built-ins, which
  // a bundled ES module cannot) and packages with a zod of their own, so each package is left
  // for Node to resolve from where it is installed.
  await build({
    entryPoints: [join(BENCH_DIR, 'src/seed/seal-worker.ts')],
    outdir: OUT_DIR,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    bundle: true,
    plugins: [workspaceSourceOnly],
    logLevel: 'warning',
  });
}

/** Bundles the workspace's own packages (TypeScript source); every other package stays an import. */
const workspaceSourceOnly: Plugin = {
  name: 'workspace-source-only',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@github-bff/') ? undefined : { path: args.path, external: true },
    );
  },
};

export function compiledServer(name: string): string {
  return join(OUT_DIR, 'servers', `${name}-server.js`);
}

export const SEAL_WORKER = join(OUT_DIR, 'seal-worker.js');
