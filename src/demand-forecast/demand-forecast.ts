import { asc, eq, inArray, sql } from 'drizzle-orm';
import { calendarDate } from '../calendar.ts';
import type { UseCaseContext } from '../context.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { products } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { MethodName } from '../forecast/candidates.ts';
import { type ForecastOutcome, forecastDemand } from '../forecast/forecast-demand.ts';
import { addWeeks, mondayOf, weeklySeries } from '../forecast/weekly-series.ts';
import { productCategories, productCategory } from '../products/product-categories.ts';
import { didYouMean } from '../slack/did-you-mean.ts';
import { type DemandScope, weeklyDemand } from './demand-history.ts';
import type { ForecastRequest } from './forecast-command.ts';

/** Weeks of orders the forecast reads: three seasons, enough for Holt-Winters and its backtest. */
export const historyWeeks = 156;
export const weeksInSeason = 52;
/** How many products the catalogue-wide answer lists. */
export const topProducts = 10;

export interface ProductRef {
  id: number;
  sku: string;
  name: string;
}

export interface SeriesForecast {
  /** What was forecast: a product's SKU and name, or a category. */
  label: string;
  outcome: ForecastOutcome;
}

/** Weeks of history the forecast's chart shows before the forecast: half a year. */
export const chartHistoryWeeks = 26;

export type ForecastAnswer =
  | {
      kind: 'one';
      weeks: number;
      firstWeek: string;
      forecast: SeriesForecast;
      /** The last weeks of demand, oldest first, up to the week before `firstWeek`. */
      recent: { week: string; quantity: number }[];
    }
  | {
      kind: 'all';
      weeks: number;
      firstWeek: string;
      top: (SeriesForecast & { total: number })[];
      forecastCount: number;
      withoutEnoughHistory: number;
    };

/**
 * The demand forecast a person asked for: one product, one category's products summed, or
 * every product with orders (the largest forecasts listed). Reads complete weeks only: the
 * current week, still filling, would look like a drop in demand.
 */
export async function forecastFor(ctx: UseCaseContext, request: ForecastRequest): Promise<ForecastAnswer> {
  const thisWeek = mondayOf(calendarDate(ctx.clock.now(), ctx.timeZone));
  const window = historyWindow(thisWeek, ctx.timeZone);
  const { target } = request;

  if (target.kind === 'all') {
    const forecasts = (await everyProductForecast(ctx.db, window, request.weeks)).map((f) => ({
      label: f.label,
      outcome: f.outcome,
      total: f.outcome.ok ? sum(f.outcome.forecast.weeks.map((w) => w.mean)) : 0,
    }));
    const made = forecasts.filter((f) => f.outcome.ok);
    return {
      kind: 'all',
      weeks: request.weeks,
      firstWeek: thisWeek,
      top: made.sort((a, b) => b.total - a.total).slice(0, topProducts),
      forecastCount: made.length,
      withoutEnoughHistory: forecasts.length - made.length,
    };
  }

  const { scope, label } = await resolveScope(ctx.db, target);
  const rows = await weeklyDemand(ctx.db, scope, window);
  const demand = weeklySeries(rows, window.from, window.to);
  const outcome = forecastDemand(demand, { period: weeksInSeason, horizon: request.weeks });
  const recent = demand
    .slice(-chartHistoryWeeks)
    .map((quantity, i, shown) => ({ week: addWeeks(thisWeek, i - shown.length), quantity }));
  return { kind: 'one', weeks: request.weeks, firstWeek: thisWeek, forecast: { label, outcome }, recent };
}

type HistoryWindow = { from: string; to: string; timeZone: string };

const historyWindow = (thisWeek: string, timeZone: string): HistoryWindow => ({
  from: addWeeks(thisWeek, -historyWeeks),
  to: thisWeek,
  timeZone,
});

const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);

/** Every product ordered in the window, with its weekly demand and its forecast `horizon` weeks on. */
async function everyProductForecast(db: DbOrTx, window: HistoryWindow, horizon: number) {
  const rows = await weeklyDemand(db, { kind: 'all' }, window);
  const byProduct = new Map<number, typeof rows>();
  for (const row of rows) {
    const list = byProduct.get(row.productId);
    if (list) list.push(row);
    else byProduct.set(row.productId, [row]);
  }
  const refs = await productRefs(db, [...byProduct.keys()]);
  return [...byProduct].map(([productId, productRows]) => {
    const ref = refs.get(productId);
    const demand = weeklySeries(productRows, window.from, window.to);
    return {
      label: ref ? `${ref.sku} ${ref.name}` : `product ${productId}`,
      demand,
      outcome: forecastDemand(demand, { period: weeksInSeason, horizon }),
    };
  });
}

/** A product whose coming weeks are forecast to differ from its last ones. */
export interface ForecastChange {
  label: string;
  /** Ordered in the last `weeks` complete weeks. */
  lastWeeks: number;
  /** Forecast for the next `weeks` weeks. */
  nextWeeks: number;
  method: MethodName;
  mase: number;
}

export interface ForecastChanges {
  /** The first week forecast (a Monday in the business time zone). */
  firstWeek: string;
  weeks: number;
  /** Largest absolute change first. */
  largest: ForecastChange[];
  forecastCount: number;
  withoutEnoughHistory: number;
}

/**
 * The products whose forecast for the next `weeks` weeks differs most (in quantity) from what
 * was ordered in the last `weeks`: what a planner should look at first. History ends before
 * `firstWeek`.
 */
export async function largestForecastChanges(
  db: DbOrTx,
  q: { firstWeek: string; timeZone: string; weeks: number; limit: number },
): Promise<ForecastChanges> {
  const forecasts = await everyProductForecast(db, historyWindow(q.firstWeek, q.timeZone), q.weeks);
  const changes: ForecastChange[] = [];
  for (const f of forecasts) {
    if (!f.outcome.ok) continue;
    const { method, score, weeks } = f.outcome.forecast;
    changes.push({
      label: f.label,
      lastWeeks: sum(f.demand.slice(-q.weeks)),
      nextWeeks: sum(weeks.map((w) => w.mean)),
      method,
      mase: score.mase,
    });
  }
  const size = (c: ForecastChange) => Math.abs(c.nextWeeks - c.lastWeeks);
  return {
    firstWeek: q.firstWeek,
    weeks: q.weeks,
    largest: changes.sort((a, b) => size(b) - size(a)).slice(0, q.limit),
    forecastCount: changes.length,
    withoutEnoughHistory: forecasts.length - changes.length,
  };
}

async function resolveScope(
  db: Db,
  target: Exclude<ForecastRequest['target'], { kind: 'all' }>,
): Promise<{ scope: DemandScope; label: string }> {
  if (target.kind === 'category') {
    const name = target.name.toLowerCase();
    if (!productCategory.includes(name)) {
      const guess = didYouMean(name, productCategories);
      throw new AppError(
        'not_found',
        `There is no category "${target.name}".${guess ? ` Did you mean *${guess}*?` : ''} ` +
          `Categories: ${productCategories.join(', ')}.`,
      );
    }
    return { scope: { kind: 'category', category: name }, label: `category ${name}` };
  }
  const [found] = await db
    .select({ id: products.id, sku: products.sku, name: products.name })
    .from(products)
    .where(eq(sql`lower(${products.sku})`, target.sku.toLowerCase()));
  if (!found) throw new AppError('not_found', await unknownProductMessage(db, target.sku));
  return { scope: { kind: 'product', productId: found.id }, label: `${found.sku} ${found.name}` };
}

/** "There is no product …", with the closest SKUs when some are near what was typed. */
async function unknownProductMessage(db: Db, typed: string): Promise<string> {
  const skus = (await db.select({ sku: products.sku }).from(products).orderBy(asc(products.sku))).map(
    (p) => p.sku,
  );
  const lower = skus.map((s) => s.toLowerCase());
  const typedLower = typed.toLowerCase();
  const best = didYouMean(typedLower, lower);
  const alike = lower.filter((s) => s !== best && (s.includes(typedLower) || typedLower.includes(s)));
  const suggestions = [best, ...alike]
    .filter((s): s is string => s !== null)
    .slice(0, 3)
    .map((s) => `*${skus[lower.indexOf(s)]}*`);
  return suggestions.length
    ? `There is no product "${typed}". Did you mean ${suggestions.join(' or ')}?`
    : `There is no product "${typed}". \`/order product show\` finds products by SKU or name.`;
}

async function productRefs(db: DbOrTx, ids: number[]): Promise<Map<number, ProductRef>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: products.id, sku: products.sku, name: products.name })
    .from(products)
    .where(inArray(products.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}
