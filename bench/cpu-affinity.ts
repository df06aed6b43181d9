import { execFileSync } from 'node:child_process';
import os from 'node:os';

/**
 * Which cores the bot and the load generator get: the bot on core 0, this process (the load
 * generator) on core 1, so neither steals the other's core. Needs taskset and two
 * cores; otherwise nothing is pinned and the report says so.
 */
export interface CpuPlan {
  botCpus: string | null;
  note: string;
  /** Pins this process to the load generator's core; returns how to undo it. */
  pinLoadGenerator(): () => void;
}

export function planCpus(): CpuPlan {
  const cores = os.availableParallelism();
  const unpinned = (note: string): CpuPlan => ({ botCpus: null, note, pinLoadGenerator: () => () => {} });
  if (!hasTaskset()) return unpinned(`not pinned: taskset not found (${cores} cores)`);
  if (cores < 2) return unpinned('not pinned: only one core, bot and load generator share it');
  return {
    botCpus: '0',
    note: `bot pinned to core 0, load generator to core 1 (${cores} cores)`,
    pinLoadGenerator() {
      const before = affinityOf(process.pid);
      // -a: every thread of this process (libuv's pool and V8's helpers too).
      execFileSync('taskset', ['-a', '-cp', '1', String(process.pid)], { stdio: 'ignore' });
      return () => {
        if (before) execFileSync('taskset', ['-a', '-cp', before, String(process.pid)], { stdio: 'ignore' });
      };
    },
  };
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** "pid 123's current affinity list: 0,1" → "0,1". */
function affinityOf(pid: number): string | null {
  try {
    const out = execFileSync('taskset', ['-cp', String(pid)], { encoding: 'utf8' });
    return out.split(':').pop()?.trim() || null;
  } catch {
    return null;
  }
}
