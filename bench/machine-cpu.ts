import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

export interface MachineCpu {
  /** Cores busy on average, all processes together (the database server's too). */
  busyCores: number;
  cores: number;
}

/**
 * Starts counting how busy the whole machine is (Linux's /proc/stat); stop() gives the average
 * since start, or null where the counters cannot be read. It tells a run that is short of CPU
 * from one that waits on something else, such as a lock every transaction queues for.
 */
export function startMachineCpu(): { stop(): MachineCpu | null } {
  const first = jiffies();
  return {
    stop() {
      const last = jiffies();
      if (!first || !last || last.total <= first.total) return null;
      const cores = cpus().length;
      return { busyCores: ((last.busy - first.busy) / (last.total - first.total)) * cores, cores };
    },
  };
}

function jiffies(): { busy: number; total: number } | null {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    // user nice system idle iowait irq softirq steal …: idle and iowait are the cores' free time.
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    const free = (fields[3] ?? 0) + (fields[4] ?? 0);
    return Number.isFinite(total) && total > 0 ? { busy: total - free, total } : null;
  } catch {
    return null;
  }
}
