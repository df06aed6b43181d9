import { constants, PerformanceObserver } from 'node:perf_hooks';

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

/** For each timed span ([start, start + ms]), whether a pause fell in it, at least partly. */
export function spansWithPause(
  spans: readonly { start: number; ms: number }[],
  pauses: readonly GcPause[],
): boolean[] {
  return spans.map(({ start, ms }) => pauses.some((p) => p.start < start + ms && p.start + p.ms > start));
}
