import { asc, eq, inArray, sql } from 'drizzle-orm';
import { calendarDate } from '../calendar.ts';
import type { UseCaseContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import { products } from '../db/schema.ts';
import { AppError } from '../errors.ts';
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

export type ForecastAnswer =
  | { kind: 'one'; weeks: number; firstWeek: string; forecast: SeriesForecast }
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
  const window = { from: addWeeks(thisWeek, -historyWeeks), to: thisWeek, timeZone: ctx.timeZone };
  const options = { period: weeksInSeason, horizon: request.weeks };
  const series = (rows: { week: string; quantity: number }[]) => weeklySeries(rows, window.from, window.to);
  const { target } = request;

  if (target.kind === 'all') {
    const rows = await weeklyDemand(ctx.db, { kind: 'all' }, window);
    const byProduct = new Map<number, typeof rows>();
    for (const row of rows) {
      const list = byProduct.get(row.productId);
      if (list) list.push(row);
      else byProduct.set(row.productId, [row]);
    }
    const refs = await productRefs(ctx.db, [...byProduct.keys()]);
    const forecasts = [...byProduct].map(([productId, productRows]) => {
      const ref = refs.get(productId);
      const outcome = forecastDemand(series(productRows), options);
      const total = outcome.ok ? outcome.forecast.weeks.reduce((sum, w) => sum + w.mean, 0) : 0;
      return { label: ref ? `${ref.sku} ${ref.name}` : `product ${productId}`, outcome, total };
    });
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
  const outcome = forecastDemand(series(rows), options);
  return { kind: 'one', weeks: request.weeks, firstWeek: thisWeek, forecast: { label, outcome } };
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

async function productRefs(db: Db, ids: number[]): Promise<Map<number, ProductRef>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: products.id, sku: products.sku, name: products.name })
    .from(products)
    .where(inArray(products.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}
