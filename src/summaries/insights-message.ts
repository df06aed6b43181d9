import { escapeMrkdwn, truncate } from '../blocks/block-kit.ts';
import { formatCents } from '../money.ts';
import type { Stretch, WeeklyInsights } from './weekly-insights.ts';

/** "+14 %", "−8 %", "±0 %" of `now` against `before`; null when there is nothing to compare. */
function percentChange(now: number, before: number): string | null {
  if (before === 0) return null;
  const p = Math.round((100 * (now - before)) / before);
  return p > 0 ? `+${p} %` : p < 0 ? `−${-p} %` : '±0 %';
}

const andChange = (now: number, before: number) => {
  const change = percentChange(now, before);
  return change ? `, ${change}` : '';
};

const onTimeRate = (s: Stretch) => (s.delivered ? `${Math.round((100 * s.onTime) / s.delivered)} %` : '—');

function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  const hours = seconds / 3600;
  return hours < 48 ? `${hours.toFixed(1)} h` : `${(hours / 24).toFixed(1)} days`;
}

/** Last week against the weeks before it, counts as a week's average of those weeks. */
export function trendsText(i: WeeklyInsights): string {
  const title = `*Trends* · week of ${i.week} against the ${i.before.weeks} weeks before`;
  if (i.before.orders === 0)
    return `${title}\nToo little history for trends: no orders in the ${i.before.weeks} weeks before.`;
  const { lastWeek: w, before: b } = i;
  const perWeek = (v: number) => v / b.weeks;
  const avgOrders = perWeek(b.orders);
  const avgValue = Math.round(perWeek(b.valueCents));
  return [
    title,
    `*Orders* ${w.orders} (a week before: ${avgOrders.toFixed(1)} on average${andChange(w.orders, avgOrders)})` +
      ` · *value* ${formatCents(w.valueCents)} (${formatCents(avgValue)}${andChange(w.valueCents, avgValue)})`,
    `*On time in full* ${onTimeRate(w)} of ${w.delivered} delivered (${onTimeRate(b)} of ${b.delivered})` +
      ` · *cycle time, median* ${duration(w.cycleP50)} (${duration(b.cycleP50)})`,
  ].join('\n');
}

const quantity = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1));

/** The products whose coming weeks are forecast to differ most from their last ones. */
export function forecastChangesText(i: WeeklyInsights): string {
  const f = i.forecast;
  const title = `*Forecast, largest changes* · next ${f.weeks} weeks from ${f.firstWeek} against the last ${f.weeks}`;
  if (!f.largest.length) {
    return f.withoutEnoughHistory
      ? `${title}\nToo little history: no product has enough weeks of orders for a forecast yet (${f.withoutEnoughHistory} with too few).`
      : `${title}\nNo orders in the last three years, so there is nothing to forecast.`;
  }
  const lines = f.largest.map((c) => {
    const mase = c.mase === null ? '—' : c.mase.toFixed(2);
    const change = percentChange(c.nextWeeks, c.lastWeeks);
    return (
      `• *${escapeMrkdwn(truncate(c.label, 80))}* ${quantity(c.lastWeeks)} → ${quantity(c.nextWeeks)}` +
      `${change ? ` (${change})` : ''} · ${c.method} · MASE ${mase}`
    );
  });
  const rest = f.withoutEnoughHistory ? ` · ${f.withoutEnoughHistory} with too little history` : '';
  return `${title}\n${lines.join('\n')}\n_${f.forecastCount} products forecast${rest}; MASE below 1 beats seasonal naive._`;
}
