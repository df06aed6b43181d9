import { type Block, context, escapeMrkdwn, section } from '../blocks/block-kit.ts';
import type { BacktestScore } from '../forecast/backtest.ts';
import type { ForecastOutcome } from '../forecast/forecast-demand.ts';
import { addWeeks } from '../forecast/weekly-series.ts';
import type { Reply } from '../slack/subcommand.ts';
import type { ForecastAnswer, SeriesForecast } from './demand-forecast.ts';

const quantity = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1));

/** MASE and bias in words a planner reads without a textbook. */
function scoreLine(score: BacktestScore): string {
  const mase = Number.isFinite(score.mase) ? score.mase.toFixed(2) : '—';
  const versus = score.mase < 1 ? 'better than' : score.mase === 1 ? 'as good as' : 'worse than';
  const bias = `${score.bias >= 0 ? '+' : '−'}${quantity(Math.abs(score.bias))} a week (${Math.round(score.biasShare * 100)} %)`;
  return `MASE ${mase} (${versus} seasonal naive) · bias ${bias} over the last 13 weeks`;
}

export function notEnoughHistory(outcome: Exclude<ForecastOutcome, { ok: true }>): string {
  return outcome.reason === 'no demand'
    ? 'No orders in the last three years, so there is nothing to forecast from.'
    : `Too little history: orders in ${outcome.weeksOfHistory} week${outcome.weeksOfHistory === 1 ? '' : 's'} ` +
        `since the first one; a forecast needs at least ${outcome.weeksNeeded}.`;
}

function oneReply(answer: Extract<ForecastAnswer, { kind: 'one' }>): Reply {
  const { label, outcome } = answer.forecast;
  const title = `*Demand forecast: ${escapeMrkdwn(label)}*`;
  if (!outcome.ok) {
    const text = `${title}\n${notEnoughHistory(outcome)}`;
    return { text, blocks: [section(text)] };
  }
  const f = outcome.forecast;
  const rows = f.weeks.map(
    (w, k) =>
      `${addWeeks(answer.firstWeek, k)}  ${quantity(w.mean).padStart(8)}   ${quantity(w.low)}–${quantity(w.high)}`,
  );
  const table = ['week of      forecast   80 % interval', ...rows].join('\n');
  const blocks: Block[] = [
    section(`${title}, next ${answer.weeks} week${answer.weeks === 1 ? '' : 's'}, by ${f.method}`),
    section(`\`\`\`${table}\`\`\``),
    context([
      scoreLine(f.score) + (f.intermittent ? ' · intermittent demand' : ''),
      'The chart comes in your DM.',
    ]),
  ];
  return { text: `Demand forecast: ${label}, by ${f.method}`, blocks };
}

function topLine(f: SeriesForecast & { total: number }): string {
  if (!f.outcome.ok) return escapeMrkdwn(f.label);
  const { method, score } = f.outcome.forecast;
  const mase = Number.isFinite(score.mase) ? score.mase.toFixed(2) : '—';
  return `• *${escapeMrkdwn(f.label)}*: ${quantity(f.total)} · ${method} · MASE ${mase}`;
}

function allReply(answer: Extract<ForecastAnswer, { kind: 'all' }>): Reply {
  if (!answer.forecastCount) {
    const text =
      answer.withoutEnoughHistory > 0
        ? `No product has enough order history for a forecast yet (${answer.withoutEnoughHistory} with too little).`
        : 'No orders in the last three years, so there is nothing to forecast from.';
    return { text, blocks: [section(text)] };
  }
  const title = `*Demand forecast, next ${answer.weeks} weeks: the ${answer.top.length} largest*`;
  const blocks: Block[] = [
    section(`${title}\n${answer.top.map(topLine).join('\n')}`),
    context([
      `${answer.forecastCount} product${answer.forecastCount === 1 ? '' : 's'} forecast` +
        (answer.withoutEnoughHistory ? `, ${answer.withoutEnoughHistory} with too little history` : '') +
        ' · `/order forecast product SKU` for one product by week with its 80 % interval',
    ]),
  ];
  return { text: `Demand forecast, next ${answer.weeks} weeks`, blocks };
}

export function renderForecast(answer: ForecastAnswer): Reply {
  return answer.kind === 'one' ? oneReply(answer) : allReply(answer);
}
