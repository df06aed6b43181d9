import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type MachineCpu, startMachineCpu } from './machine-cpu.ts';

const run = promisify(execFile);

export interface PgbenchResult {
  tps: number;
  transactions: number;
  /** How busy the whole machine was while pgbench ran (not while it initialised). */
  machine: MachineCpu | null;
}

export async function hasPgbench(): Promise<boolean> {
  try {
    await run('pgbench', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/**
 * Lays out pgbench's tables at scale 1 (`pgbench -i -s 1`) in `url`, which must be a scratch
 * database: initialising replaces the pgbench_* tables in it.
 */
export async function initPgbench(url: string): Promise<void> {
  await run('pgbench', ['-i', '-s', '1', '-q', url]);
}

/** The built-in TPC-B-like script (`-c clients -j threads -T seconds`) on tables initPgbench laid out. */
export async function runPgbench(
  url: string,
  opts: { clients: number; threads: number; seconds: number },
): Promise<PgbenchResult> {
  const meter = startMachineCpu();
  const { stdout } = await run('pgbench', [
    '-c',
    String(opts.clients),
    '-j',
    String(opts.threads),
    '-T',
    String(opts.seconds),
    url,
  ]);
  const machine = meter.stop();
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1];
  const transactions = /number of transactions actually processed: (\d+)/.exec(stdout)?.[1];
  if (!tps || !transactions) throw new Error(`could not read pgbench's output:\n${stdout}`);
  return { tps: Number(tps), transactions: Number(transactions), machine };
}
