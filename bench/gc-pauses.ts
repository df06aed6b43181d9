import { constants, PerformanceObserver } from 'node:perf_hooks';
import { percentile, sortedCopy } from './stats.ts';

/** A garbage collection that stopped this process's JavaScript, in performance.now() time. */
export interface GcPause {
  start: number;
  ms: number;
  /** A young-generation collection (scavenge), or any other (mark-compact and its steps). */
  young: boolean;
}

/**
 * Collects the process's garbage-collection pauses from now until stop(). Node reports them to an
 * observer after the fact, so stop() waits for the reports of the last ones.
 */
export function watchGcPauses(): { stop(): Promise<GcPause[]> } {
  const pauses: GcPause[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // Node's gc entries carry their kind in `detail`, which the PerformanceEntry type lacks.
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      pauses.push({
        start: entry.startTime,
        ms: entry.duration,
        young: kind === constants.NODE_PERFORMANCE_GC_MINOR,
      });
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    async stop() {
      await new Promise((resolve) => setTimeout(resolve, 50));
      observer.disconnect();
      return pauses;
    },
  };
}

/** Something timed in this process, in performance.now() time. */
export interface TimedSpan {
  start: number;
  ms: number;
}

/** The pauses while timed spans ran, and whether the slowest spans are the ones they fell in. */
export interface GcOverSpans {
  pauses: number;
  youngPauses: number;
  totalMs: number;
  longestYoungMs: number;
  /** Spans a pause fell in, at least partly. */
  paused: number;
  /** The slowest 1 % of the spans, and how many of them a pause fell in. */
  slowest: number;
  slowestPaused: number;
  /** The 99th percentile of the spans no pause fell in. */
  p99UnpausedMs: number;
}

export function gcOverSpans(spans: readonly TimedSpan[], pauses: readonly GcPause[]): GcOverSpans {
  const bySlowest = spans
    .map(({ start, ms }) => ({
      ms,
      paused: pauses.some((p) => p.start < start + ms && p.start + p.ms > start),
    }))
    .sort((a, b) => b.ms - a.ms);
  const slowest = bySlowest.slice(0, Math.ceil(spans.length / 100));
  const young = pauses.filter((p) => p.young);
  return {
    pauses: pauses.length,
    youngPauses: young.length,
    totalMs: pauses.reduce((sum, p) => sum + p.ms, 0),
    longestYoungMs: Math.max(0, ...young.map((p) => p.ms)),
    paused: bySlowest.filter((s) => s.paused).length,
    slowest: slowest.length,
    slowestPaused: slowest.filter((s) => s.paused).length,
    p99UnpausedMs: percentile(sortedCopy(bySlowest.filter((s) => !s.paused).map((s) => s.ms)), 99),
  };
}
