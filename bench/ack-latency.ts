import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { moreOrdersAction } from '../src/orders/order-list-view.ts';
import { type BotEntry, builtBot } from './bot-build.ts';
import { BotProcess } from './bot-process.ts';
import { onCleanup } from './cleanup.ts';
import type { CpuPlan } from './cpu-affinity.ts';
import { startFakeSlackProcess } from './fake-slack-process.ts';
import { type ClosedLoopResult, runClosedLoop } from './load-generator.ts';
import type { BenchOptions } from './options.ts';
import { startResponseSink } from './response-sink.ts';
import { createScratchDatabase } from './scratch-database.ts';
import {
  blockActionsBody,
  type SignedRequest,
  slashCommandBody,
  UniqueBodySigner,
} from './signed-request.ts';
import { percentile, sortedCopy } from './stats.ts';

export type BotName = 'bare' | 'orderdesk';

export interface AckRow {
  bot: BotName;
  request: string;
  concurrency: number;
  reqPerS: number;
  p50Ms: number;
  p99Ms: number;
  /**
   * The bot's own CPU time (user + system) per response, warm-up included, post-ack work
   * included even when the bot deferred it past the load (counted until it settled).
   */
  cpuMicrosPerReq: number;
  peakRssBytes: number;
  /** req/s of each round, to show how much the figures drift. */
  perRoundReqPerS: number[];
  /** Every non-200 response (warm-up included), by status. */
  non200: Map<number, number>;
  /** 200s, warm-up included. */
  acked: number;
  /** Longest time the bot stayed busy after a measurement's load stopped, ms. */
  settleMs: number;
  socketErrors: number;
  firstError: string | null;
  /** Only for a workload with `inspectBodies`: responses whose body was not empty, and the first. */
  nonEmptyBodies: number;
  firstNonEmptyBody: string | null;
}

export interface AckReport {
  rows: AckRow[];
  startupMs: Record<BotName, number>;
  /** CPU use with no requests, % of a core (orderdesk's outbox dispatcher polls). */
  idleCpuPercent: Record<BotName, number>;
  orderdeskDatabase: string;
  /** The click request, and how many respond() calls reached the stand-in response_url. */
  click: { label: string; responsesPosted: number };
  /** With --cpu-prof: a V8 profile of each bot over all its measurements. */
  profiles: Partial<Record<BotName, string>>;
}

export interface Workload {
  request: string;
  concurrency: number;
  /** A fresh signed delivery per call (UniqueBodySigner). */
  signer: { next(): SignedRequest };
  /** Read the responses' bodies and count the non-empty ones (costs the load generator a little). */
  inspectBodies?: boolean;
  /**
   * Waits for the work a bot does after its acks (respond()s it may have queued), once the load
   * stopped and before the bot is left to settle, so that work is billed to this measurement.
   */
  followUpsDone?(bot: BotProcess, acked: number): Promise<void>;
}

export interface Segment {
  load: ClosedLoopResult;
  /** The bot's CPU time from the segment's first request until it settled after the last. */
  cpuMicros: number;
  /** Responses in the segment, warm-up included: what cpuMicros was spent on. */
  answered: number;
  peakRssBytes: number;
  /** How long the bot stayed busy after the load stopped (work queued behind its acks), ms. */
  settleMs: number;
}

const PREWARM_CONCURRENCY = 10;
/** Clicks are measured at one concurrency, one concurrency is enough to compare per-click cost with the floor's. */
const CLICK_CONCURRENCY = 10;

/**
 * Ack latency of orderdesk against the bare-Bolt floor, in the same run: both bots run at once in
 * child processes pinned to the bot core; each (request, concurrency, bot) is measured in turn,
 * `rounds` times, alternating which bot goes first.
 */
export async function measureAckLatency(opts: BenchOptions, cpus: CpuPlan): Promise<AckReport> {
  const signingSecret = randomBytes(16).toString('hex');
  const scratch = opts.databaseUrl ? await createScratchDatabase(opts.databaseUrl, 'ack') : null;
  const dropScratch = onCleanup(() => scratch?.drop());
  const sink = await startResponseSink();
  const closeSink = onCleanup(() => sink.close());

  const started = startBots(signingSecret, cpus, {
    bare: {},
    orderdesk: scratch ? { BENCH_DATABASE_URL: scratch.url } : {},
  });
  const stopBots = onCleanup(() => started.stop());
  let unpin = () => {};
  try {
    const { bare, orderdesk } = await started.bots;
    const bots = [bare, orderdesk];
    unpin = cpus.pinLoadGenerator();

    const help = new UniqueBodySigner(signingSecret, slashCommandBody('help'), 'H');
    // orderdesk's "More" button under `/order list`: ack, then a query and respond().
    const clickLabel = `block_actions ${moreOrdersAction}`;
    const click = new UniqueBodySigner(
      signingSecret,
      blockActionsBody({
        actionId: moreOrdersAction,
        value: JSON.stringify({ filter: { kind: 'open' }, before: 1_000_000, page: 2 }),
        responseUrl: sink.url,
      }),
      'C',
    );
    // Every click orderdesk acked gets its respond(), possibly queued behind later acks.
    let clicksAcked = 0;
    const workloads: Workload[] = [
      ...opts.concurrencies.map((concurrency) => ({ request: '/order help', concurrency, signer: help })),
      {
        request: clickLabel,
        concurrency: CLICK_CONCURRENCY,
        signer: click,
        async followUpsDone(bot, acked) {
          if (bot !== orderdesk) return;
          clicksAcked += acked;
          await sink.waitFor(clicksAcked, 60_000);
        },
      },
    ];

    // Cold JIT costs a Bolt process several times its warm CPU per request for the first
    // seconds; without this the first pair measured (concurrency 1) mostly measures tiering.
    await prewarm(bare, [help, click], opts);
    const [, orderdeskClicks] = await prewarm(orderdesk, [help, click], opts);
    clicksAcked = orderdeskClicks?.statuses.get(200) ?? 0;
    await sink.waitFor(clicksAcked, 60_000);
    const postedBeforeMeasuring = sink.received();
    const idleCpuPercent = { bare: await bare.idleCpuPercent(), orderdesk: await orderdesk.idleCpuPercent() };

    const profileDir = opts.cpuProf
      ? path.join(os.tmpdir(), `orderdesk-bench-profiles-${process.pid}`)
      : null;
    if (profileDir) {
      mkdirSync(profileDir, { recursive: true });
      for (const bot of bots) bot.startProfile();
    }
    const segments = new Map<string, Segment[]>();
    for (let round = 0; round < opts.rounds; round++) {
      for (const workload of workloads) {
        for (const bot of round % 2 === 0 ? [bare, orderdesk] : [orderdesk, bare]) {
          const key = `${bot.name}|${workload.request}|${workload.concurrency}`;
          segments.set(key, [...(segments.get(key) ?? []), await measureSegment(bot, workload, opts)]);
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

    const rows = workloads.flatMap((w) =>
      [bare, orderdesk].map((bot) =>
        summarize(bot.name as BotName, w, segments.get(`${bot.name}|${w.request}|${w.concurrency}`) ?? []),
      ),
    );
    return {
      rows,
      startupMs: { bare: bare.startupMs, orderdesk: orderdesk.startupMs },
      idleCpuPercent,
      orderdeskDatabase: scratch ? `Postgres (scratch database ${scratch.name})` : 'PGlite in memory',
      click: { label: clickLabel, responsesPosted: sink.received() - postedBeforeMeasuring },
      profiles,
    };
  } finally {
    unpin();
    await stopBots();
    await closeSink();
    await dropScratch();
  }
}

/**
 * Both bots started side by side in child processes pinned to the bot core, each with its own
 * extra environment, and orderdesk's fake Slack in one of its own. `bots` rejects when either
 * failed to start; `stop` stops those that did.
 */
export function startBots(
  signingSecret: string,
  cpus: CpuPlan,
  env: Record<BotName, Record<string, string>>,
): { bots: Promise<{ bare: BotProcess; orderdesk: BotProcess }>; stop(): Promise<void> } {
  const start = async (name: BotName, entry: BotEntry, more: Record<string, string> = {}) =>
    BotProcess.start({
      name,
      ...(await builtBot(entry)),
      cpus: cpus.botCpus,
      env: { BENCH_SIGNING_SECRET: signingSecret, ...env[name], ...more },
    });
  const slack = startFakeSlackProcess();
  const started = Promise.allSettled([
    start('bare', 'bare-bolt-app'),
    slack.then((fake) => start('orderdesk', 'orderdesk-server', { BENCH_SLACK_API_URL: fake.apiUrl })),
  ]);
  return {
    bots: started.then(([bare, orderdesk]) => {
      if (bare.status === 'rejected') throw bare.reason;
      if (orderdesk.status === 'rejected') throw orderdesk.reason;
      return { bare: bare.value, orderdesk: orderdesk.value };
    }),
    async stop() {
      const settled = await started;
      await Promise.all(settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value.stop()] : [])));
      await slack.then(
        (fake) => fake.stop(),
        () => {},
      );
    },
  };
}

/**
 * Cold JIT costs a Bolt process several times its warm CPU per request for the first seconds:
 * load `bot` with each signer's request in turn for `prewarmS` in all, then let it settle.
 * Resolves with the closed loops' results (their requests count too, e.g. as orders stored).
 */
export async function prewarm(
  bot: BotProcess,
  signers: Workload['signer'][],
  opts: BenchOptions,
  inspectBodies = false,
): Promise<ClosedLoopResult[]> {
  const results: ClosedLoopResult[] = [];
  for (const signer of signers) {
    results.push(
      await runClosedLoop({
        port: bot.port,
        path: '/slack/events',
        concurrency: PREWARM_CONCURRENCY,
        warmupMs: 0,
        windowMs: (opts.prewarmS * 1000) / signers.length,
        nextRequest: () => signer.next(),
        inspectBodies,
      }),
    );
    await bot.settle();
  }
  return results;
}

export async function measureSegment(
  bot: BotProcess,
  workload: Workload,
  opts: BenchOptions,
): Promise<Segment> {
  // CPU is counted from the first request until the bot has settled, over every request sent:
  // work a bot defers past its acks (a follow-up queue) is billed to the requests that caused it.
  const begin = await bot.stats();
  const load = runClosedLoop({
    port: bot.port,
    path: '/slack/events',
    concurrency: workload.concurrency,
    warmupMs: opts.warmupS * 1000,
    windowMs: opts.windowS * 1000,
    nextRequest: () => workload.signer.next(),
    inspectBodies: workload.inspectBodies ?? false,
  });
  const { result, peakRssBytes } = await bot.sampleRss(load);
  const settling = performance.now();
  await workload.followUpsDone?.(bot, result.statuses.get(200) ?? 0);
  await bot.settle();
  const settleMs = performance.now() - settling;
  const end = await bot.stats();
  const answered = [...result.statuses.values()].reduce((n, c) => n + c, 0);
  return { load: result, cpuMicros: end.cpuMicros - begin.cpuMicros, answered, peakRssBytes, settleMs };
}

/** One row from all rounds of one (bot, request, concurrency). */
export function summarize(bot: BotName, workload: Workload, segments: Segment[]): AckRow {
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
    request: workload.request,
    concurrency: workload.concurrency,
    reqPerS: completed / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    cpuMicrosPerReq:
      segments.reduce((n, s) => n + s.cpuMicros, 0) / segments.reduce((n, s) => n + s.answered, 0),
    peakRssBytes: Math.max(0, ...segments.map((s) => s.peakRssBytes)),
    perRoundReqPerS: segments.map((s) => s.load.completed / s.load.windowSeconds),
    non200,
    acked: segments.reduce((n, s) => n + (s.load.statuses.get(200) ?? 0), 0),
    settleMs: Math.max(0, ...segments.map((s) => s.settleMs)),
    socketErrors: segments.reduce((n, s) => n + s.load.errors, 0),
    firstError: segments.find((s) => s.load.firstError)?.load.firstError ?? null,
    nonEmptyBodies: segments.reduce((n, s) => n + s.load.nonEmptyBodies, 0),
    firstNonEmptyBody: segments.find((s) => s.load.firstNonEmptyBody)?.load.firstNonEmptyBody ?? null,
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
