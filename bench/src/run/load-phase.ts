import type { Contender } from '../contenders/contender.ts';
import { runLoad, verifyContender, type LoadResult } from '../measure/http.ts';
import { readMemory } from '../measure/memory.ts';
import { spread } from '../measure/stats.ts';
import type { BenchOptions } from '../options.ts';
import type { MeasuredLoad } from '../results.ts';
import { delay } from '@github-bff/tests/support/wait.ts';

export interface Measurement {
  readonly contender: Contender;
  readonly group: MeasuredLoad['group'];
}

/**
 * Interleaved: every round runs every measurement once, in a fresh random order, so drift of
 * the machine (other work, thermal, caches) hits all of them alike. Each run is verified first.
 */
export async function runLoadPhase(
  measurements: readonly Measurement[],
  options: BenchOptions,
  log: (line: string) => void,
): Promise<MeasuredLoad[]> {
  await delay(2000);
  const idle = new Map(measurements.map((m) => [m.contender.key, readMemory(m.contender.server.pid).rssMb]));
  const load = { connections: options.connections };

  log(`warm-up: ${options.warmupSeconds} s each`);
  for (const m of measurements) {
    await verifyContender(m.contender);
    await runLoad(m.contender, { ...load, seconds: options.warmupSeconds });
  }

  const results = new Map<string, LoadResult[]>(measurements.map((m) => [m.contender.key, []]));
  for (let round = 1; round <= options.rounds; round++) {
    for (const m of shuffle([...measurements])) {
      const c = m.contender;
      await verifyContender(c);
      if (options.roundWarmupSeconds > 0) await runLoad(c, { ...load, seconds: options.roundWarmupSeconds });
      const r = await runLoad(c, { ...load, seconds: options.seconds });
      results.get(c.key)!.push(r);
      log(
        `round ${round}/${options.rounds} ${c.label.padEnd(44)} ${r.rps.toFixed(0).padStart(6)} req/s` +
          `  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  errors ${r.errors}`,
      );
    }
  }

  return measurements.map(({ contender: c, group }) => {
    const rounds = results.get(c.key)!;
    const memory = readMemory(c.server.pid);
    return {
      key: c.key,
      label: c.label,
      notes: c.notes,
      group,
      cookies: c.cookies.length,
      rounds,
      rps: spread(rounds.map((r) => r.rps)),
      p50: spread(rounds.map((r) => r.p50)),
      p99: spread(rounds.map((r) => r.p99)),
      errors: rounds.reduce((sum, r) => sum + r.errors, 0),
      memory: { idleMb: idle.get(c.key) ?? NaN, afterLoadMb: memory.rssMb, peakMb: memory.peakMb },
    };
  });
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
