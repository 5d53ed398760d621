import { isBffError } from '../errors/index.ts';
import type { SessionStore } from '../session/session-store.ts';
import type { BffMetrics } from './bff-metrics.ts';

type Operation = Exclude<keyof SessionStore, 'close'>;
// A Record, so that an operation added to SessionStore and not timed here fails to compile.
const OPERATIONS = Object.keys({
  get: true,
  create: true,
  update: true,
  destroy: true,
  listByUser: true,
  destroyByUser: true,
  putPendingLogin: true,
  takePendingLogin: true,
  tryLock: true,
  unlock: true,
  rememberOnce: true,
  forget: true,
  ping: true,
} satisfies Record<Operation, true>) as Operation[];

/** The store, timed per operation; a failure to reach it (store_unavailable) is counted. */
export function instrumentStore(store: SessionStore, metrics: BffMetrics, storeName: string): SessionStore {
  const timed = { ...store };
  for (const operation of OPERATIONS) {
    const original = (store[operation] as (...args: unknown[]) => Promise<unknown>).bind(store);
    const labels = { store: storeName, operation };
    (timed as Record<Operation, unknown>)[operation] = async (...args: unknown[]) => {
      const end = metrics.storeDuration.startTimer(labels);
      try {
        return await original(...args);
      } catch (err) {
        if (isBffError(err, 'store_unavailable')) metrics.storeErrors.inc(labels);
        throw err;
      } finally {
        end();
      }
    };
  }
  return timed;
}
