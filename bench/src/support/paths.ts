import { resolve } from 'node:path';

/** The repository root (bench/src/support → ../../..). */
export const ROOT = resolve(import.meta.dirname, '../../..');
export const BENCH_DIR = resolve(ROOT, 'bench');
