// The parser ships no types; this is the prom2json shape it returns.
declare module 'parse-prometheus-text-format' {
  export interface Sample {
    readonly labels?: Record<string, string>;
    /** Counters and gauges. */
    readonly value?: string;
    /** Histograms and summaries. */
    readonly count?: string;
    readonly sum?: string;
    readonly buckets?: Record<string, string>;
  }
  export interface MetricFamily {
    readonly name: string;
    readonly help: string;
    readonly type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
    readonly metrics: readonly Sample[];
  }
  export default function parsePrometheusTextFormat(text: string): MetricFamily[];
}
