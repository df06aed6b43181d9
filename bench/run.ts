/**
 * `npm run bench [-- --quick | --help]`: how close orderdesk comes to the floor a bare Bolt app
 * reaches (slack-platform.md §6), and how fast it takes orders in. Prints figures; never asserts.
 */
import os from 'node:os';
import { openDatabase } from '../src/db/client.ts';
import { type AckReport, type AckRow, measureAckLatency } from './ack-latency.ts';
import { cleanUpEverything, cleanUpOnSignals, onCleanup } from './cleanup.ts';
import { planCpus } from './cpu-affinity.ts';
import { formatProfile, summarizeProfile } from './cpu-profile.ts';
import { type BenchOptions, parseOptions } from './options.ts';
import { type IntakeResult, measureOrderIntake } from './order-intake.ts';
import { hasPgbench, type PgbenchResult, runPgbench } from './pgbench.ts';
import { createScratchDatabase } from './scratch-database.ts';
import { fmt, formatTable, section } from './table.ts';

const TARGET_THROUGHPUT = 1.0;
const TARGET_P99 = 1.1;
const TARGET_PGBENCH_SHARE = 0.7;
const PG_CLIENTS = 8;
const PG_POOL = 10;

interface Results {
  ack: AckReport | null;
  pglite: IntakeResult | null;
  postgres: IntakeResult | null;
  pgbench: PgbenchResult | null;
  failures: string[];
}

const options = parseOptions(process.argv.slice(2), process.env);
if (options) {
  cleanUpOnSignals();
  try {
    await main(options);
  } finally {
    await cleanUpEverything();
  }
}

async function main(opts: BenchOptions): Promise<void> {
  const began = Date.now();
  const cpus = planCpus();
  printHeader(opts, cpus.note);
  const results: Results = { ack: null, pglite: null, postgres: null, pgbench: null, failures: [] };

  console.log(section('1. Ack latency: orderdesk vs bare Bolt 5 (same run)'));
  try {
    results.ack = await measureAckLatency(opts, cpus);
    printAck(results.ack, opts);
  } catch (error) {
    fail(results, 'ack latency', error);
  }

  console.log(section('2. Order intake: createOrder transactions per second'));
  await intakeOnPglite(opts, results);
  await intakeOnPostgres(opts, results);

  printSummary(results);
  console.log(`\nfinished in ${((Date.now() - began) / 1000).toFixed(0)} s; ${describeLoad()}`);
  // Figures never fail the run; a part that could not run at all does.
  if (results.failures.length) process.exitCode = 1;
}

function printHeader(opts: BenchOptions, cpuNote: string): void {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`orderdesk bench — ${new Date().toISOString()}, Node ${process.versions.node}, ${cpu}`);
  console.log(
    `${opts.quick ? 'quick run: ' : ''}pre-warm ${opts.prewarmS} s per bot, then warm-up ${opts.warmupS} s + ` +
      `window ${opts.windowS} s per measurement, ` +
      `${opts.rounds} round(s), concurrency ${opts.concurrencies.join('/')}; order intake ${opts.intakeS} s`,
  );
  console.log(cpuNote);
  console.log(
    `${describeLoad()}; absolute figures drift 10–40 % between runs on shared machines: read the ratios.`,
  );
}

/** Other work on the machine slows both bots unevenly over time; say how much there was. */
function describeLoad(): string {
  const [one = 0] = os.loadavg();
  const cores = os.availableParallelism();
  const busy = one > cores ? ' — busy with other work: expect wide drift between rounds' : '';
  return `load average ${one.toFixed(1)} on ${cores} cores${busy}`;
}

function printAck(report: AckReport, opts: BenchOptions): void {
  console.log(
    `bots in child processes; orderdesk on ${report.orderdeskDatabase} with the fake Slack Web API; ` +
      'closed loop, keep-alive, signed form bodies',
  );
  const label = { bare: 'bare Bolt', orderdesk: 'orderdesk' };
  const table = formatTable(
    ['request', 'bot', 'conc', 'req/s', 'p50 ms', 'p99 ms', 'bot CPU µs/req', 'peak RSS MB', 'non-200'],
    report.rows.map((r) => [
      r.request,
      label[r.bot],
      String(r.concurrency),
      fmt.count(r.reqPerS),
      fmt.ms(r.p50Ms),
      fmt.ms(r.p99Ms),
      fmt.count(r.cpuMicrosPerReq),
      fmt.mb(r.peakRssBytes),
      fmt.count(totalNon200(r)),
    ]),
  );
  console.log(`\n${table}`);

  for (const r of report.rows) {
    if (totalNon200(r) === 0) continue;
    const statuses = [...r.non200].map(([s, n]) => `${n}× HTTP ${s}`);
    if (r.socketErrors) statuses.push(`${r.socketErrors}× no response (${r.firstError})`);
    console.log(`!! ${r.request}, ${label[r.bot]}, concurrency ${r.concurrency}: ${statuses.join(', ')}`);
  }

  console.log(
    `\norderdesk / bare Bolt (targets: throughput ≥ ${TARGET_THROUGHPUT.toFixed(1)}×, p99 ≤ ${TARGET_P99}×)`,
  );
  const ratios = formatTable(
    ['request', 'conc', 'throughput', 'per round', 'p50', 'p99', 'CPU/req'],
    pairs(report.rows).map(([bare, od]) => [
      od.request,
      String(od.concurrency),
      `${fmt.ratio(od.reqPerS / bare.reqPerS)} ${mark(od.reqPerS / bare.reqPerS >= TARGET_THROUGHPUT)}`,
      od.perRoundReqPerS.map((x, i) => fmt.ratio(x / (bare.perRoundReqPerS[i] ?? Number.NaN))).join(' '),
      fmt.ratio(od.p50Ms / bare.p50Ms),
      `${fmt.ratio(od.p99Ms / bare.p99Ms)} ${mark(od.p99Ms / bare.p99Ms <= TARGET_P99)}`,
      fmt.ratio(od.cpuMicrosPerReq / bare.cpuMicrosPerReq),
    ]),
  );
  console.log(ratios);

  const clicks = report.rows.find((r) => r.bot === 'orderdesk' && r.request === report.click.label);
  console.log(
    `\n${report.click.label} is orderdesk's "More" button under /order list (an empty page here): it acks, ` +
      'then queries and calls respond(); the bare app only acks. ' +
      (clicks
        ? `orderdesk acked ${fmt.count(clicks.acked)} clicks and posted ${fmt.count(report.click.responsesPosted)} ` +
          `respond()s to the stand-in response_url; after the clicks stopped it stayed busy for up to ` +
          `${fmt.count(clicks.settleMs)} ms finishing queued post-ack work.`
        : ''),
  );
  console.log(
    `start-up to listening: bare Bolt ${fmt.count(report.startupMs.bare)} ms, orderdesk ` +
      `${fmt.count(report.startupMs.orderdesk)} ms (fake Slack, database, migrations, auth.test; started side by side)`,
  );
  console.log(
    `CPU with no requests: bare Bolt ${report.idleCpuPercent.bare.toFixed(1)} %, orderdesk ` +
      `${report.idleCpuPercent.orderdesk.toFixed(1)} % of a core (orderdesk's outbox dispatcher polls the database)`,
  );
  if (opts.cpuProf) {
    console.log('\n--cpu-prof: the profiler costs the bots a few per cent; the figures above include that.');
    for (const [name, file] of Object.entries(report.profiles)) {
      console.log(`\n${formatProfile(name, file, summarizeProfile(file))}`);
    }
  }
}

async function intakeOnPglite(opts: BenchOptions, results: Results): Promise<void> {
  try {
    const database = await openDatabase({ kind: 'pglite' });
    const close = onCleanup(() => database.close());
    try {
      results.pglite = await measureOrderIntake(database, {
        concurrency: 1,
        warmupMs: opts.warmupS * 1000,
        windowMs: opts.intakeS * 1000,
      });
    } finally {
      await close();
    }
    printIntake('PGlite (in memory, one connection)', results.pglite);
  } catch (error) {
    fail(results, 'order intake on PGlite', error);
  }
}

async function intakeOnPostgres(opts: BenchOptions, results: Results): Promise<void> {
  if (!opts.databaseUrl) {
    console.log(
      'Postgres: skipped — DATABASE_URL is not set (e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)',
    );
    return;
  }
  try {
    const scratch = await createScratchDatabase(opts.databaseUrl, 'intake');
    const drop = onCleanup(() => scratch.drop());
    try {
      const database = await openDatabase({ kind: 'postgres', url: scratch.url, max: PG_POOL });
      const close = onCleanup(() => database.close());
      try {
        results.postgres = await measureOrderIntake(database, {
          concurrency: PG_CLIENTS,
          warmupMs: opts.warmupS * 1000,
          windowMs: opts.intakeS * 1000,
        });
      } finally {
        await close();
      }
    } finally {
      await drop();
    }
    printIntake(`Postgres (scratch database, pool of ${PG_POOL})`, results.postgres);
  } catch (error) {
    fail(results, 'order intake on Postgres', error);
    return;
  }

  if (!(await hasPgbench())) {
    console.log('pgbench: skipped — not installed (it ships with the postgresql client packages)');
    return;
  }
  try {
    const scratch = await createScratchDatabase(opts.databaseUrl, 'pgbench');
    const drop = onCleanup(() => scratch.drop());
    try {
      results.pgbench = await runPgbench(scratch.url, {
        clients: PG_CLIENTS,
        threads: 2,
        seconds: opts.intakeS,
      });
    } finally {
      await drop();
    }
    const share = (results.postgres?.ordersPerS ?? Number.NaN) / results.pgbench.tps;
    console.log(
      `pgbench tpcb-like, scale 1, -c ${PG_CLIENTS} -j 2 -T ${opts.intakeS} on the same server: ` +
        `${fmt.count(results.pgbench.tps)} tps (${fmt.count(results.pgbench.transactions)} transactions)`,
    );
    console.log(
      `orderdesk orders/s ÷ pgbench tps = ${fmt.percent(share)} ${mark(share >= TARGET_PGBENCH_SHARE)} ` +
        `(target ≥ ${fmt.percent(TARGET_PGBENCH_SHARE)})`,
    );
  } catch (error) {
    fail(results, 'pgbench', error);
  }
}

function printIntake(where: string, r: IntakeResult): void {
  console.log(
    `${where}: ${fmt.count(r.ordersPerS)} orders/s at concurrency ${r.concurrency} ` +
      `(${fmt.count(r.orders)} orders in ${r.seconds} s; p50 ${fmt.ms(r.p50Ms)} ms, p99 ${fmt.ms(r.p99Ms)} ms)`,
  );
  if (r.failures) console.log(`!! ${r.failures} createOrder calls failed; first: ${r.firstFailure}`);
}

function printSummary(results: Results): void {
  console.log(section('3. Summary'));
  if (results.ack) {
    const rows = pairs(results.ack.rows).map(([bare, od]) => {
      const throughput = od.reqPerS / bare.reqPerS;
      const p99 = od.p99Ms / bare.p99Ms;
      return [
        od.request,
        String(od.concurrency),
        `${fmt.ratio(throughput)} ${mark(throughput >= TARGET_THROUGHPUT)}`,
        `${fmt.ratio(p99)} ${mark(p99 <= TARGET_P99)}`,
      ];
    });
    console.log(
      formatTable(
        [
          'orderdesk / bare Bolt',
          'conc',
          `throughput (≥ ${TARGET_THROUGHPUT.toFixed(1)}×)`,
          `p99 (≤ ${TARGET_P99}×)`,
        ],
        rows,
      ),
    );
    const non200 = results.ack.rows.reduce((n, r) => n + totalNon200(r), 0);
    console.log(`responses other than 200: ${fmt.count(non200)}`);
  }
  if (results.pglite) {
    console.log(`order intake on PGlite, concurrency 1: ${fmt.count(results.pglite.ordersPerS)} orders/s`);
  }
  if (results.postgres) {
    const share = results.pgbench ? results.postgres.ordersPerS / results.pgbench.tps : Number.NaN;
    console.log(
      `order intake on Postgres, concurrency ${results.postgres.concurrency}: ` +
        `${fmt.count(results.postgres.ordersPerS)} orders/s` +
        (results.pgbench
          ? ` = ${fmt.percent(share)} of pgbench's ${fmt.count(results.pgbench.tps)} tps ` +
            `(≥ ${fmt.percent(TARGET_PGBENCH_SHARE)}) ${mark(share >= TARGET_PGBENCH_SHARE)}`
          : ' (no pgbench to compare with)'),
    );
  }
  for (const failure of results.failures) console.log(`FAILED: ${failure}`);
}

function pairs(rows: AckRow[]): [AckRow, AckRow][] {
  return rows.flatMap((od) => {
    const bare = rows.find(
      (r) => r.bot === 'bare' && r.concurrency === od.concurrency && r.request === od.request,
    );
    return od.bot === 'orderdesk' && bare ? [[bare, od] as [AckRow, AckRow]] : [];
  });
}

function totalNon200(r: AckRow): number {
  return [...r.non200.values()].reduce((a, b) => a + b, 0) + r.socketErrors;
}

function mark(ok: boolean): string {
  return ok ? 'ok' : 'MISSES TARGET';
}

function fail(results: Results, what: string, error: unknown): void {
  const message = describeError(error);
  results.failures.push(`${what}: ${message.split('\n')[0]}`);
  console.log(`!! ${what} could not run: ${message}`);
}

/** The message and its causes: drizzle wraps the driver's error (the useful part) in `cause`. */
function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e !== undefined && parts.length < 4; e = (e as { cause?: unknown }).cause) {
    parts.push(e instanceof Error ? e.message.trim() : String(e));
    if (!(e instanceof Error)) break;
  }
  return parts.join('\n  caused by: ');
}
