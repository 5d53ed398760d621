import parsePrometheusTextFormat, { type MetricFamily } from 'parse-prometheus-text-format';

/** One scrape of a /metrics endpoint, parsed by a Prometheus text-format parser (not by us). */
export interface Scrape {
  readonly families: readonly MetricFamily[];
  /**
   * The value of a counter or gauge (of a histogram: `name_count`, `name_sum`) summed over every series whose labels
   * include `labels`; 0 when there is none.
   */
  value(name: string, labels?: Record<string, string>): number;
  /** Every label value of one label, over all series of `name`. */
  labelValues(name: string, label: string): string[];
}

export async function scrape(url: string): Promise<Scrape> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
  // The parser folds every series of a labelled histogram into one (a bug of its own): without
  // their TYPE line, a histogram's _bucket, _sum and _count lines are read as plain series, and
  // `value('x_count', labels)` is the number of observations.
  const text = (await res.text()).replace(/^# TYPE \S+ histogram$/gm, '');
  const families = parsePrometheusTextFormat(text);
  // Untyped, a histogram's series come as one family per series (same name): read them all.
  const samplesOf = (name: string) => families.filter((f) => f.name === name).flatMap((f) => f.metrics);
  return {
    families,
    value(name, labels = {}) {
      const samples = samplesOf(name);
      return samples
        .filter((s) => Object.entries(labels).every(([k, v]) => s.labels?.[k] === v))
        .reduce((sum, s) => sum + Number(s.value ?? 0), 0);
    },
    labelValues(name, label) {
      const values = samplesOf(name).map((s) => s.labels?.[label]);
      return [...new Set(values.filter((v): v is string => v !== undefined))].sort();
    },
  };
}

/** How much each of `series` moved between two scrapes. */
export function deltas(
  before: Scrape,
  after: Scrape,
  series: Record<string, readonly [string, Record<string, string>?]>,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(series).map(([key, [name, labels]]) => [
      key,
      after.value(name, labels) - before.value(name, labels),
    ]),
  );
}
