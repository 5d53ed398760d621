import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadAverage } from '../measure/memory.ts';
import type { Machine } from '../results.ts';
import { ROOT } from '../support/paths.ts';

export function describeMachine(loadAverageStart: string): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    os: osName(),
    node: process.version,
    loadAverageStart,
    loadAverageEnd: loadAverage(),
  };
}

function osName(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? 'Linux';
  } catch {
    return 'Linux';
  }
}

const PACKAGES = [
  'koa',
  'koa-session',
  '@koa/router',
  'koa-helmet',
  'pino',
  'zod',
  'better-sqlite3',
  'ioredis',
  'express',
  'express-session',
  'passport',
  '@auth/express',
  '@auth/core',
  'autocannon',
  'playwright-core',
  'react',
  'vite',
];

/** Installed versions (what actually ran), plus redis-server and Chromium. */
export function describeVersions(): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const name of PACKAGES) {
    for (const dir of ['bench/node_modules', 'node_modules']) {
      try {
        const pkg = JSON.parse(readFileSync(join(ROOT, dir, name, 'package.json'), 'utf8')) as { version: string };
        versions[name] = pkg.version;
        break;
      } catch {
        // not in this folder
      }
    }
  }
  versions['redis-server'] = command('redis-server', ['--version']).match(/v=(\S+)/)?.[1] ?? 'absent';
  versions.chromium = command('/usr/bin/chromium', ['--version']).trim() || 'absent';
  return versions;
}

export function gitState(): { commit: string; dirty: boolean } {
  return {
    commit: command('git', ['rev-parse', '--short', 'HEAD']).trim() || 'unknown',
    dirty: command('git', ['status', '--porcelain', '--', 'apps']).trim() !== '',
  };
}

function command(file: string, args: string[]): string {
  try {
    return execFileSync(file, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
}
