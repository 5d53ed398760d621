import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { format, resolveConfig } from 'prettier';
import type { BenchResults } from '../results.ts';

/** Writes a file formatted by the repository's Prettier config, so `format:check` passes on it. */
export async function writeFormatted(path: string, text: string, parser: 'json' | 'markdown'): Promise<void> {
  const config = (await resolveConfig(path)) ?? {};
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, await format(text, { ...config, parser }));
}

export function writeJson(path: string, results: BenchResults): Promise<void> {
  const rounded = JSON.stringify(results, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value,
  );
  return writeFormatted(path, rounded, 'json');
}
