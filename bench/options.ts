import { parseArgs } from 'node:util';

/**
 * How long and how hard to measure. Defaults fit in about 7 minutes with DATABASE_URL (5 without),
 * `--quick` in about 3; the card burst alone is paced to about a second per outbox row in each
 * channel, as Slack's posting limit asks.
 * Many short rounds beat few long ones here: the machine is shared, other work comes and goes,
 * and alternating the bots often lets both see the same background.
 */
export interface BenchOptions {
  quick: boolean;
  /** Seconds of load on each bot once, before anything is measured (JIT warm-up). */
  prewarmS: number;
  /** Seconds of load before the measured window, per bot and concurrency. */
  warmupS: number;
  /** Seconds measured, per bot and concurrency. */
  windowS: number;
  /** How many times each (bot, concurrency) pair is measured; rounds alternate which bot goes first. */
  rounds: number;
  concurrencies: number[];
  /** Seconds of createOrder measured (after a warm-up of `warmupS`); pgbench runs this long too. */
  intakeS: number;
  /** Seconds of block_suggestion customer searches measured (Postgres only). */
  searchS: number;
  /** Confirmed orders allocated one by one and timed, per database. */
  allocations: number;
  /** Card posts and updates in the dispatcher burst, and the channels they are spread over. */
  cards: number;
  cardChannels: number;
  /** Postgres server for the Postgres runs; scratch databases are created on it and dropped. */
  databaseUrl: string | undefined;
  /** Write V8 CPU profiles of both bot processes and print their hottest functions. */
  cpuProf: boolean;
  /** `/order report` over generated orders on Postgres: off, besides the rest, or alone. */
  report: 'off' | 'with' | 'only';
  /** How many orders the report bench generates (ten events each). */
  reportOrders: number;
  /** The sections to run (--only), or null for all of them. */
  only: ReadonlySet<BenchSection> | null;
}

export const benchSections = [
  'ack',
  'intake',
  'submission',
  'search',
  'allocation',
  'cards',
  'scheduler',
  'summary',
  'forecast',
] as const;
export type BenchSection = (typeof benchSections)[number];

/** Whether `section` runs: all do unless --only names some. */
export function runs(opts: BenchOptions, section: BenchSection): boolean {
  return opts.only === null || opts.only.has(section);
}

const usage = `npm run bench [-- options]

  --quick               ~3 min smoke run: 1 s pre-warm, 0.3 s warm-ups, 1.2 s windows, one round
  --prewarm=S           load on each bot before anything is measured  (env BENCH_PREWARM_S, default 3)
  --warmup=S            warm-up seconds before each measured window   (env BENCH_WARMUP_S, default 0.5)
  --window=S            measured seconds per bot, request and round   (env BENCH_WINDOW_S, default 2)
  --rounds=N            rounds, each alternating which bot goes first (env BENCH_ROUNDS, default 4)
  --concurrency=1,10,50 closed-loop clients for /order help           (env BENCH_CONCURRENCY)
  --intake=S            createOrder and pgbench seconds               (env BENCH_INTAKE_S, default 4)
  --search=S            customer-search seconds, Postgres only        (env BENCH_SEARCH_S, default 5)
  --allocations=N       orders allocated and timed, per database      (env BENCH_ALLOCATIONS, default 500)
  --cards=N             card posts and updates in the dispatcher burst (env BENCH_CARDS, default 500
                        over 10 channels; --quick: 100 over 5)
  --cpu-prof            profile both bots while measured, print their hottest functions
  --only=ack,submission run only these sections: ${benchSections.join(', ')}
  --report              also /order report's figures over generated orders, Postgres only
                        (env BENCH_REPORT=1; --report-only runs nothing else; several minutes)
  --report-orders=N     orders the report bench generates, ten events each
                                                (env BENCH_REPORT_ORDERS, default 1,000,000)
  DATABASE_URL=postgres://…  also run orderdesk, order intake, submission and allocation on that
                        Postgres server, the customer search over 100,000 customers, and the card
                        burst there instead of on PGlite

Longer, steadier figures: BENCH_ROUNDS=10 BENCH_WINDOW_S=3 npm run bench`;

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      prewarm: { type: 'string' },
      warmup: { type: 'string' },
      window: { type: 'string' },
      rounds: { type: 'string' },
      concurrency: { type: 'string' },
      intake: { type: 'string' },
      search: { type: 'string' },
      allocations: { type: 'string' },
      cards: { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      report: { type: 'boolean', default: false },
      'report-only': { type: 'boolean', default: false },
      'report-orders': { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return null;
  }
  const quick = values.quick ?? false;
  const pick = (flag: string | undefined, name: string, normal: number, fast: number) =>
    positive(flag ?? env[name], name, quick ? fast : normal);
  const concurrencies = (values.concurrency ?? env.BENCH_CONCURRENCY ?? '1,10,50')
    .split(',')
    .map((c) => positive(c.trim(), 'concurrency', 0))
    .map(Math.round);
  return {
    quick,
    prewarmS: pick(values.prewarm, 'BENCH_PREWARM_S', 3, 1),
    warmupS: pick(values.warmup, 'BENCH_WARMUP_S', 0.5, 0.3),
    windowS: pick(values.window, 'BENCH_WINDOW_S', 2, 1.2),
    rounds: Math.round(pick(values.rounds, 'BENCH_ROUNDS', 4, 1)),
    concurrencies,
    intakeS: Math.max(1, Math.round(pick(values.intake, 'BENCH_INTAKE_S', 4, 2))),
    searchS: pick(values.search, 'BENCH_SEARCH_S', 5, 1.5),
    allocations: Math.round(pick(values.allocations, 'BENCH_ALLOCATIONS', 500, 50)),
    cards: Math.round(pick(values.cards, 'BENCH_CARDS', 500, 100)),
    cardChannels: quick ? 5 : 10,
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    cpuProf: values['cpu-prof'] ?? false,
    report: values['report-only'] ? 'only' : values.report || env.BENCH_REPORT === '1' ? 'with' : 'off',
    reportOrders: Math.round(
      positive(values['report-orders'] ?? env.BENCH_REPORT_ORDERS, 'BENCH_REPORT_ORDERS', 1_000_000),
    ),
    only: values.only === undefined ? null : sectionList(values.only),
  };
}

function sectionList(text: string): Set<BenchSection> {
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(benchSections as readonly string[]).includes(name));
  if (unknown.length) {
    throw new Error(`--only: no section ${unknown.join(', ')}; the sections: ${benchSections.join(', ')}`);
  }
  return new Set(names as BenchSection[]);
}

function positive(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}: expected a positive number, found ${text}`);
  return n;
}
