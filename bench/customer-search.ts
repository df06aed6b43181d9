import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { openDatabase } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { searchCustomers } from '../src/intake/modal/catalog-search.ts';
import { orderModal } from '../src/intake/modal/order-modal-ids.ts';
import { type AckRow, measureSegment, prewarm, summarize, type Workload } from './ack-latency.ts';
import { builtBot } from './bot-build.ts';
import { BotProcess } from './bot-process.ts';
import { onCleanup } from './cleanup.ts';
import type { CpuPlan } from './cpu-affinity.ts';
import { startFakeSlackProcess } from './fake-slack-process.ts';
import type { BenchOptions } from './options.ts';
import { emptyOrderView } from './order-modal-payloads.ts';
import { createScratchDatabase } from './scratch-database.ts';
import { blockSuggestionBody, type SignedRequest, UNIQUE, UniqueBodySigner } from './signed-request.ts';
import { percentile, sortedCopy } from './stats.ts';

export const SEARCH_CUSTOMERS = 100_000;
export const SEARCH_CONCURRENCY = 10;
/** How long Slack waits for the options of an external_select before it shows an error. */
export const SLACK_OPTIONS_WINDOW_MS = 3000;

/** What an admin types into the customer search, and what kind of query that makes. */
export interface SearchQuery {
  typed: string;
  shape: string;
}

/**
 * Prefixes of codes and fragments of names, as typed (Slack sends every keystroke once
 * `min_query_length`, 1 here, is reached). Codes look like ACMSTE000160, names like
 * "Acme Steel Leeds Ltd" (see seedCustomers).
 */
export const searchQueries: SearchQuery[] = [
  { typed: 'a', shape: '1 char' },
  { typed: 'M', shape: '1 char' },
  { typed: 'z', shape: '1 char' },
  { typed: 'ac', shape: '2 chars' },
  { typed: 'ST', shape: '2 chars' },
  { typed: 'wi', shape: '2 chars' },
  { typed: 'ACM', shape: '3 chars' },
  { typed: 'ste', shape: '3 chars' },
  { typed: 'qxz', shape: '3 chars, no match' },
  { typed: 'harbor', shape: 'name fragment' },
  { typed: 'steel', shape: 'name fragment' },
  { typed: 'lyon gm', shape: 'name fragment' },
  { typed: 'ACMSTE0041', shape: 'code prefix, long' },
];

export interface DirectTiming {
  query: SearchQuery;
  /** Options searchCustomers returned (at most 25). */
  found: number;
  runs: number;
  p50Ms: number;
  p99Ms: number;
}

export interface SearchReport {
  customers: number;
  seedMs: number;
  database: string;
  /** block_suggestion requests to orderdesk, all queries mixed. */
  http: AckRow;
  /** Responses measured in the window (seconds), those slower than Slack's window, and the slowest. */
  measured: number;
  windowS: number;
  overWindow: number;
  maxMs: number;
  direct: DirectTiming[];
  slowest: { query: SearchQuery; sql: string; plan: string[] };
  indexes: string[];
  startupMs: number;
}

/**
 * The order modal's customer search (an external_select whose options orderdesk serves from
 * block_suggestion) over SEARCH_CUSTOMERS customers on Postgres: signed block_suggestion
 * requests to orderdesk in a closed loop, then searchCustomers called directly for each query,
 * and the plan of the slowest. Needs DATABASE_URL (a server to create a scratch database on).
 */
export async function measureCustomerSearch(
  opts: BenchOptions,
  cpus: CpuPlan,
  serverUrl: string,
): Promise<SearchReport> {
  const scratch = await createScratchDatabase(serverUrl, 'search');
  const dropScratch = onCleanup(() => scratch.drop());
  const client = postgres(scratch.url, { max: 1, onnotice: () => {} });
  const closeClient = onCleanup(() => client.end({ timeout: 5 }));
  try {
    // Two connections: migrateDatabase holds one for its advisory lock while the migrator uses another.
    const database = await openDatabase({ kind: 'postgres', url: scratch.url, max: 2 });
    try {
      await migrateDatabase(database);
    } finally {
      await database.close();
    }
    const seedBegan = performance.now();
    await seedCustomers(client, SEARCH_CUSTOMERS);
    const seedMs = performance.now() - seedBegan;

    const signingSecret = randomBytes(16).toString('hex');
    const slack = await startFakeSlackProcess();
    const stopSlack = onCleanup(() => slack.stop());
    const bot = await BotProcess.start({
      name: 'orderdesk',
      ...(await builtBot('orderdesk-server')),
      cpus: cpus.botCpus,
      env: {
        BENCH_SIGNING_SECRET: signingSecret,
        BENCH_DATABASE_URL: scratch.url,
        BENCH_SLACK_API_URL: slack.apiUrl,
      },
    });
    const stopBot = onCleanup(() => bot.stop());
    let http: AckRow;
    let latencies: Float64Array;
    const unpin = cpus.pinLoadGenerator();
    try {
      // A suggestion carries no trigger_id: the view id makes each body (and signature) new.
      const view = emptyOrderView(UNIQUE);
      const signers = searchQueries.map(
        (q) =>
          new UniqueBodySigner(
            signingSecret,
            blockSuggestionBody({
              actionId: orderModal.customer,
              blockId: 'customer',
              value: q.typed,
              view,
            }),
            'VS',
          ),
      );
      let turn = 0;
      const mixed = {
        next: (): SignedRequest => (signers[turn++ % signers.length] as UniqueBodySigner).next(),
      };
      const workload: Workload = {
        request: `block_suggestion ${orderModal.customer}`,
        concurrency: SEARCH_CONCURRENCY,
        signer: mixed,
      };
      await prewarm(bot, [mixed], opts);
      const segment = await measureSegment(bot, workload, { ...opts, windowS: opts.searchS });
      http = summarize('orderdesk', workload, [segment]);
      latencies = segment.load.latenciesMs;
    } finally {
      unpin();
      await stopBot();
      await stopSlack();
    }

    // Directly, with the bot stopped: the query alone, one at a time.
    const db = drizzle({ client });
    const direct: DirectTiming[] = [];
    const budget = opts.quick ? { ms: 150, runs: 5 } : { ms: 1500, runs: 10 };
    for (const query of searchQueries) direct.push(await timeSearch(db, query, budget));
    const slowestTiming = direct.reduce((a, b) => (b.p50Ms > a.p50Ms ? b : a));
    const slowest = await explainSearch(client, slowestTiming.query);
    const indexes = await client<{ indexdef: string }[]>`
      select indexdef from pg_indexes where tablename = 'customers' order by indexname`;

    return {
      customers: SEARCH_CUSTOMERS,
      seedMs,
      database: `Postgres (scratch database ${scratch.name}; orderdesk's pool of 10)`,
      http,
      measured: latencies.length,
      windowS: opts.searchS,
      overWindow: latencies.reduce((n, ms) => (ms > SLACK_OPTIONS_WINDOW_MS ? n + 1 : n), 0),
      maxMs: latencies.reduce((a, b) => Math.max(a, b), 0),
      direct,
      slowest,
      indexes: indexes.map((r) => r.indexdef),
      startupMs: bot.startupMs,
    };
  } finally {
    await closeClient();
    await dropScratch();
  }
}

/**
 * `count` customers in one statement: codes like ACMSTE000160 (three letters of each of two words, a
 * number), names like "Acme Steel Leeds Ltd" (40 × 25 words, 8 legal forms, 13 cities: every
 * name differs). Then ANALYZE, as autovacuum would soon do, so the planner knows the table.
 */
async function seedCustomers(client: postgres.Sql, count: number): Promise<void> {
  await client`
    insert into customers (code, name, credit_limit_cents, payment_methods, created_at, updated_at)
    select upper(left(w1, 3) || left(w2, 3)) || lpad(i::text, 6, '0'),
           w1 || ' ' || w2 || ' ' || city || ' ' || form,
           10000000, array['net30', 'prepaid'], now(), now()
    from (
      select i,
        (array['Acme', 'Apex', 'Atlas', 'Beacon', 'Birch', 'Bolt', 'Cedar', 'Cobalt', 'Crown', 'Delta',
               'Eagle', 'Ember', 'Falcon', 'Fjord', 'Golden', 'Granite', 'Harbor', 'Harvest', 'Iron',
               'Juniper', 'Keystone', 'Lumen', 'Maple', 'Meridian', 'Nimbus', 'Northwind', 'Oak', 'Orion',
               'Pacific', 'Pioneer', 'Quartz', 'Redwood', 'Silver', 'Sterling', 'Summit', 'Titan', 'Union',
               'Vertex', 'Willow', 'Zenith'])[1 + i % 40] as w1,
        (array['Industrial', 'Supply', 'Foods', 'Logistics', 'Steel', 'Textiles', 'Pharma', 'Motors',
               'Plastics', 'Electric', 'Paper', 'Chemicals', 'Timber', 'Glass', 'Tools', 'Marine', 'Farms',
               'Packaging', 'Optics', 'Fasteners', 'Bakery', 'Hardware', 'Medical', 'Energy',
               'Trading'])[1 + (i / 40) % 25] as w2,
        (array['Ltd', 'GmbH', 'Inc', 'Co', 'SA', 'BV', 'AB', 'Oy'])[1 + (i / 1000) % 8] as form,
        (array['Leeds', 'Lyon', 'Porto', 'Gdansk', 'Turin', 'Ghent', 'Malmo', 'Bilbao', 'Cork', 'Graz',
               'Brno', 'Aarhus', 'Split'])[1 + (i / 8000) % 13] as city
      from generate_series(1, ${count}::int) as g(i)
    ) as words`;
  await client`analyze customers`;
}

async function timeSearch(
  db: Parameters<typeof searchCustomers>[0],
  query: SearchQuery,
  budget: { ms: number; runs: number },
): Promise<DirectTiming> {
  const found = (await searchCustomers(db, query.typed)).length;
  const samples: number[] = [];
  const until = performance.now() + budget.ms;
  // At least `runs` runs, more while the budget lasts (up to 500).
  while (samples.length < budget.runs || (performance.now() < until && samples.length < 500)) {
    const began = performance.now();
    await searchCustomers(db, query.typed);
    samples.push(performance.now() - began);
  }
  const sorted = sortedCopy(samples);
  return { query, found, runs: samples.length, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
}

/** The SQL searchCustomers sends (caught by drizzle's logger), run under EXPLAIN (ANALYZE, BUFFERS). */
async function explainSearch(
  client: postgres.Sql,
  query: SearchQuery,
): Promise<{ query: SearchQuery; sql: string; plan: string[] }> {
  let caught: { sql: string; params: unknown[] } | null = null;
  const logged = drizzle({
    client,
    logger: { logQuery: (sql, params) => (caught = { sql, params }) },
  });
  await searchCustomers(logged, query.typed);
  const sent = caught as { sql: string; params: unknown[] } | null;
  if (!sent) throw new Error('drizzle did not log the search query');
  const rows = await client.unsafe(
    `explain (analyze, buffers) ${sent.sql}`,
    sent.params as postgres.ParameterOrJSON<never>[],
  );
  const plan = rows.map((r) => String((r as Record<string, unknown>)['QUERY PLAN']));
  const literal = (value: unknown) =>
    typeof value === 'number' ? String(value) : `'${String(value).replaceAll("'", "''")}'`;
  const shown = sent.sql.replace(/\$(\d+)/g, (_, n: string) => literal(sent.params[Number(n) - 1]));
  return { query, sql: shown, plan };
}
