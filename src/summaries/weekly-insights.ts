import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { addDays, zonedInstant } from '../calendar.ts';
import type { DbOrTx } from '../db/client.ts';
import { weeklyInsights as insightsTable } from '../db/schema.ts';
import { largestForecastChanges } from '../demand-forecast/demand-forecast.ts';
import { reportFigures } from '../reports/report-figures.ts';

/** Trends compare the summary's week with this many weeks before it. */
export const trendWeeks = 4;
/** The forecast's changes: the next this-many weeks against the last as many. */
export const forecastWeeks = 4;
/** At most this many products in the forecast's largest changes. */
export const forecastChangesShown = 5;

const stretch = z.object({
  weeks: z.number().int().positive(),
  orders: z.number(),
  valueCents: z.number(),
  delivered: z.number(),
  onTime: z.number(),
  /** Received → delivered, median, in seconds; null when nothing was delivered. */
  cycleP50: z.number().nullable(),
});
export type Stretch = z.infer<typeof stretch>;

const insightsSchema = z.object({
  /** The Monday the summary's week starts on, in the business time zone. */
  week: z.string(),
  lastWeek: stretch,
  before: stretch,
  forecast: z.object({
    firstWeek: z.string(),
    weeks: z.number().int(),
    largest: z.array(
      z.object({
        label: z.string(),
        lastWeeks: z.number(),
        nextWeeks: z.number(),
        method: z.string(),
        /** JSON has no infinity: a MASE without a scale is null. */
        mase: z.number().nullable(),
      }),
    ),
    forecastCount: z.number().int(),
    withoutEnoughHistory: z.number().int(),
  }),
});
export type WeeklyInsights = z.infer<typeof insightsSchema>;
const insightsVersion = 1;

/**
 * What a weekly summary adds for the business week before `thisWeek` (a Monday): its trends
 * against the four weeks before it, and the forecast's largest changes from `thisWeek` on. The
 * first summary of the week computes them (a forecast of every product takes a second or two)
 * and stores them; every other manager's and the channel's read the same row.
 */
export async function weeklyInsights(
  tx: DbOrTx,
  q: { thisWeek: string; timeZone: string; now: Date },
): Promise<WeeklyInsights> {
  const stored = await storedInsights(tx, q.thisWeek);
  if (stored) return stored;
  const insights = await computeInsights(tx, q);
  // Two summaries computing at once store one row; both then read the one stored.
  await tx
    .insert(insightsTable)
    .values({ week: q.thisWeek, version: insightsVersion, insights, computedAt: q.now })
    .onConflictDoNothing();
  return (await storedInsights(tx, q.thisWeek)) ?? insights;
}

async function storedInsights(tx: DbOrTx, week: string): Promise<WeeklyInsights | null> {
  const [row] = await tx
    .select({ insights: insightsTable.insights })
    .from(insightsTable)
    .where(and(eq(insightsTable.week, week), eq(insightsTable.version, insightsVersion)));
  const parsed = insightsSchema.safeParse(row?.insights);
  return parsed.success ? parsed.data : null;
}

async function computeInsights(
  tx: DbOrTx,
  q: { thisWeek: string; timeZone: string; now: Date },
): Promise<WeeklyInsights> {
  const lastWeekStarts = addDays(q.thisWeek, -7);
  const lastWeek = await weeksFigures(tx, q, lastWeekStarts, 1);
  const before = await weeksFigures(tx, q, addDays(lastWeekStarts, -7 * trendWeeks), trendWeeks);
  const forecast = await largestForecastChanges(tx, {
    firstWeek: q.thisWeek,
    timeZone: q.timeZone,
    weeks: forecastWeeks,
    limit: forecastChangesShown,
  });
  return {
    week: lastWeekStarts,
    lastWeek,
    before,
    forecast: {
      ...forecast,
      largest: forecast.largest.map((c) => ({ ...c, mase: Number.isFinite(c.mase) ? c.mase : null })),
    },
  };
}

/** The report's figures for `weeks` business weeks from the Monday `first`. */
async function weeksFigures(
  tx: DbOrTx,
  q: { timeZone: string; now: Date },
  first: string,
  weeks: number,
): Promise<Stretch> {
  const figures = await reportFigures(tx, {
    scope: {
      from: zonedInstant(first, 0, q.timeZone),
      to: zonedInstant(addDays(first, 7 * weeks), 0, q.timeZone),
    },
    now: q.now,
    timeZone: q.timeZone,
  });
  return {
    weeks,
    orders: figures.orders,
    valueCents: figures.valueCents,
    delivered: figures.delivered,
    onTime: figures.onTimeInFull,
    cycleP50: figures.cycle.p50,
  };
}
