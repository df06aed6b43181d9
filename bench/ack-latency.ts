import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BotProcess, type BotStats } from './bot-process.ts';
import { onCleanup } from './cleanup.ts';
import type { CpuPlan } from './cpu-affinity.ts';
import { type ClosedLoopResult, runClosedLoop } from './load-generator.ts';
import type { BenchOptions } from './options.ts';
import { createScratchDatabase } from './scratch-database.ts';
import { PerSecondSigner, slashCommandBody } from './signed-request.ts';
import { percentile, sortedCopy } from './stats.ts';

export type BotName = 'bare' | 'orderdesk';

export interface AckRow {
  bot: BotName;
  request: string;
  concurrency: number;
  reqPerS: number;
  p50Ms: number;
  p99Ms: number;
  /** The bot's own CPU time (user + system) per measured response. */
  cpuMicrosPerReq: number;
  peakRssBytes: number;
  /** req/s of each round, to show how much the figures drift. */
  perRoundReqPerS: number[];
  /** Every non-200 response (warm-up included), by status. */
  non200: Map<number, number>;
  socketErrors: number;
  firstError: string | null;
}

export interface AckReport {
  rows: AckRow[];
  startupMs: Record<BotName, number>;
  orderdeskDatabase: string;
  /** With --cpu-prof: a V8 profile of each bot over all its measurements. */
  profiles: Partial<Record<BotName, string>>;
}

interface Segment {
  load: ClosedLoopResult;
  cpuMicros: number;
  peakRssBytes: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const REQUEST = '/order help';

/**
 * Slash-command ack latency of orderdesk against the bare-Bolt floor, in the same run: both bots
 * run at once in child processes pinned to the bot core; each (bot, concurrency) pair is
 * measured in turn, `rounds` times, alternating which bot goes first.
 */
export async function measureAckLatency(opts: BenchOptions, cpus: CpuPlan): Promise<AckReport> {
  const signingSecret = randomBytes(16).toString('hex');
  const scratch = opts.databaseUrl ? await createScratchDatabase(opts.databaseUrl, 'ack') : null;
  const dropScratch = onCleanup(() => scratch?.drop());
  const profileDir = opts.cpuProf ? path.join(os.tmpdir(), `orderdesk-bench-profiles-${process.pid}`) : null;
  if (profileDir) mkdirSync(profileDir, { recursive: true });

  const start = (name: BotName, entry: string, env: Record<string, string>) =>
    BotProcess.start({
      name,
      entry: path.join(here, entry),
      cpus: cpus.botCpus,
      env: { BENCH_SIGNING_SECRET: signingSecret, ...env },
    });
  const started = await Promise.allSettled([
    start('bare', 'bare-bolt-app.ts', {}),
    start('orderdesk', 'orderdesk-server.ts', scratch ? { BENCH_DATABASE_URL: scratch.url } : {}),
  ]);
  const bots = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const stopBots = onCleanup(async () => {
    await Promise.all(bots.map((b) => b.stop()));
  });
  const unpin = cpus.pinLoadGenerator();
  try {
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const [bare, orderdesk] = bots as [BotProcess, BotProcess];
    const body = slashCommandBody('help');
    const signer = new PerSecondSigner(signingSecret, body);

    if (profileDir) for (const bot of bots) bot.startProfile();
    const segments = new Map<string, Segment[]>();
    for (let round = 0; round < opts.rounds; round++) {
      for (const concurrency of opts.concurrencies) {
        const order = round % 2 === 0 ? [bare, orderdesk] : [orderdesk, bare];
        for (const bot of order) {
          const segment = await measureSegment(bot, concurrency, opts, () => signer.next());
          const key = `${bot.name}:${concurrency}`;
          segments.set(key, [...(segments.get(key) ?? []), segment]);
        }
      }
    }

    const profiles: Partial<Record<BotName, string>> = {};
    if (profileDir) {
      for (const bot of bots) {
        const file = path.join(profileDir, `${bot.name}.cpuprofile`);
        await bot.stopProfile(file);
        profiles[bot.name as BotName] = file;
      }
    }

    const rows: AckRow[] = [];
    for (const concurrency of opts.concurrencies) {
      for (const bot of [bare, orderdesk]) {
        rows.push(
          summarize(bot.name as BotName, concurrency, segments.get(`${bot.name}:${concurrency}`) ?? []),
        );
      }
    }
    return {
      rows,
      startupMs: { bare: bare.startupMs, orderdesk: orderdesk.startupMs },
      orderdeskDatabase: scratch ? `Postgres (scratch database ${scratch.name})` : 'PGlite in memory',
      profiles,
    };
  } finally {
    unpin();
    await stopBots();
    await dropScratch();
  }
}

async function measureSegment(
  bot: BotProcess,
  concurrency: number,
  opts: BenchOptions,
  nextRequest: () => ReturnType<PerSecondSigner['next']>,
): Promise<Segment> {
  const atWindow: { stats?: Promise<BotStats> } = {};
  const load = runClosedLoop({
    port: bot.port,
    path: '/slack/events',
    concurrency,
    warmupMs: opts.warmupS * 1000,
    windowMs: opts.windowS * 1000,
    nextRequest,
    onWindowStart: () => {
      atWindow.stats = bot.stats();
    },
  });
  const { result, peakRssBytes } = await bot.sampleRss(load);
  const end = await bot.stats();
  const begin = await (atWindow.stats ?? Promise.resolve(end));
  return { load: result, cpuMicros: end.cpuMicros - begin.cpuMicros, peakRssBytes };
}

function summarize(bot: BotName, concurrency: number, segments: Segment[]): AckRow {
  const completed = segments.reduce((n, s) => n + s.load.completed, 0);
  const seconds = segments.reduce((n, s) => n + s.load.windowSeconds, 0);
  const latencies = sortedCopy(concat(segments.map((s) => s.load.latenciesMs)));
  const non200 = new Map<number, number>();
  for (const s of segments) {
    for (const [status, count] of s.load.statuses) {
      if (status !== 200) non200.set(status, (non200.get(status) ?? 0) + count);
    }
  }
  return {
    bot,
    request: REQUEST,
    concurrency,
    reqPerS: completed / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    cpuMicrosPerReq: segments.reduce((n, s) => n + s.cpuMicros, 0) / completed,
    peakRssBytes: Math.max(0, ...segments.map((s) => s.peakRssBytes)),
    perRoundReqPerS: segments.map((s) => s.load.completed / s.load.windowSeconds),
    non200,
    socketErrors: segments.reduce((n, s) => n + s.load.errors, 0),
    firstError: segments.find((s) => s.load.firstError)?.load.firstError ?? null,
  };
}

function concat(parts: Float64Array[]): Float64Array {
  const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}
