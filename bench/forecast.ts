/**
 * The demand forecast over a generated catalogue: wall time to forecast every product (target
 * under 2 s for 1,000), and how good the chosen methods are on data whose truth is known —
 * their backtest MASE, and their MASE on weeks generated beyond the history and kept from them,
 * beside seasonal naive's on the same weeks. `npx tsx bench/forecast.ts [products]` runs it alone.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { type DemandPattern, weeklyQuantities } from '../src/demo/demand-patterns.ts';
import { demoHistoryWeeks } from '../src/demo/seed-demo-history.ts';
import { SeededRandom } from '../src/demo/seeded-random.ts';
import { naiveScale } from '../src/forecast/accuracy.ts';
import { forecastDemand } from '../src/forecast/forecast-demand.ts';
import { percentile, sortedCopy } from './stats.ts';
import { fmt, formatTable } from './table.ts';

export const FORECAST_PRODUCTS = 1000;
export const FORECAST_TARGET_MS = 2000;
const horizon = 8;
const period = 52;

export interface ForecastReport {
  products: number;
  wallMs: number;
  /** CPU time the forecasts took: the fairer figure on a shared machine. */
  cpuMs: number;
  loadAverage: number;
  perProductMs: { p50: number; p99: number };
  rows: {
    kind: string;
    products: number;
    backtestMase: number;
    heldOutMase: number;
    naiveHeldOutMase: number;
  }[];
  methods: Map<string, number>;
  tooLittle: number;
}

function randomPattern(random: SeededRandom): DemandPattern & { kind: string } {
  const intermittent = random.chance(0.3);
  return {
    kind: intermittent ? 'intermittent' : 'seasonal',
    base: intermittent ? 1 + random.next() * 6 : 20 + random.next() * 480,
    growthPerYear: -0.1 + random.next() * 0.5,
    seasonality: intermittent ? 0 : random.next() * 0.6,
    peakWeek: random.int(0, 51),
    orderChance: intermittent ? 0.1 + random.next() * 0.4 : 1,
    noise: 0.05 + random.next() * 0.25,
  };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
const median = (values: number[]) => percentile(sortedCopy(values), 50);

export function measureForecast(products = FORECAST_PRODUCTS): ForecastReport {
  const random = new SeededRandom(14);
  const catalogue = Array.from({ length: products }, () => {
    const pattern = randomPattern(random);
    const weeks = weeklyQuantities(pattern, demoHistoryWeeks + horizon, random.int(0, 51), random);
    return {
      kind: pattern.kind,
      history: weeks.slice(0, demoHistoryWeeks),
      future: weeks.slice(demoHistoryWeeks),
    };
  });
  forecastDemand(catalogue[0]!.history, { period, horizon }); // warm the JIT on one product

  const times: number[] = [];
  const loadAverage = os.loadavg()[0] ?? 0;
  const cpuBefore = process.cpuUsage();
  const began = performance.now();
  const outcomes = catalogue.map((p) => {
    const start = performance.now();
    const outcome = forecastDemand(p.history, { period, horizon });
    times.push(performance.now() - start);
    return outcome;
  });
  const wallMs = performance.now() - began;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;

  const methods = new Map<string, number>();
  const byKind = new Map<string, { backtest: number[]; heldOut: number[]; naive: number[] }>();
  let tooLittle = 0;
  outcomes.forEach((outcome, i) => {
    const p = catalogue[i]!;
    if (!outcome.ok) {
      tooLittle++;
      return;
    }
    const f = outcome.forecast;
    methods.set(f.method, (methods.get(f.method) ?? 0) + 1);
    const scale = naiveScale(p.history, period);
    if (!(scale > 0)) return;
    const mae = mean(f.weeks.map((w, k) => Math.abs(w.mean - p.future[k]!)));
    const naive = mean(p.future.map((v, k) => Math.abs(p.history[p.history.length - period + k]! - v)));
    const kind = byKind.get(p.kind) ?? { backtest: [], heldOut: [], naive: [] };
    kind.backtest.push(f.score.mase);
    kind.heldOut.push(mae / scale);
    kind.naive.push(naive / scale);
    byKind.set(p.kind, kind);
  });
  return {
    products,
    wallMs,
    cpuMs,
    loadAverage,
    perProductMs: { p50: median(times), p99: percentile(sortedCopy(times), 99) },
    rows: [...byKind].map(([kind, k]) => ({
      kind,
      products: k.backtest.length,
      backtestMase: median(k.backtest),
      heldOutMase: median(k.heldOut),
      naiveHeldOutMase: median(k.naive),
    })),
    methods,
    tooLittle,
  };
}

export function printForecast(r: ForecastReport): void {
  const verdict = (ms: number) => (ms < FORECAST_TARGET_MS ? 'within' : 'OVER');
  console.log(
    `${fmt.count(r.products)} products, ${demoHistoryWeeks} weeks of history each, ${horizon} weeks ahead, one thread: ` +
      `wall ${Math.round(r.wallMs)} ms (${verdict(r.wallMs)} the ${FORECAST_TARGET_MS} ms target), ` +
      `CPU ${Math.round(r.cpuMs)} ms (${verdict(r.cpuMs)}); per product p50 ${r.perProductMs.p50.toFixed(2)} ms, ` +
      `p99 ${r.perProductMs.p99.toFixed(2)} ms; load average ${r.loadAverage.toFixed(1)} on ${os.cpus().length} CPUs`,
  );
  console.log(
    formatTable(
      [
        'demand',
        'products',
        'chosen: backtest MASE (median)',
        'chosen: held-out MASE',
        'seasonal naive: held-out MASE',
      ],
      r.rows.map((row) => [
        row.kind,
        String(row.products),
        row.backtestMase.toFixed(3),
        row.heldOutMase.toFixed(3),
        row.naiveHeldOutMase.toFixed(3),
      ]),
    ),
  );
  const chosen = [...r.methods].sort((a, b) => b[1] - a[1]).map(([m, n]) => `${m} ${n}`);
  console.log(
    `methods chosen: ${chosen.join(', ')}${r.tooLittle ? `; too little history: ${r.tooLittle}` : ''}`,
  );
  console.log('MASE is against seasonal naive in the history; below 1 is better than it.');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printForecast(measureForecast(Number(process.argv[2] ?? FORECAST_PRODUCTS)));
}
