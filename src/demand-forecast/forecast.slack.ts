import { permit } from '../auth/permissions.ts';
import { inHeavyQuestionSlot } from '../reports/report-runs.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { type CommandRequest, type SubcommandTexts, subcommandsOf } from '../slack/subcommand.ts';
import { forecastFor } from './demand-forecast.ts';
import { forecastUsage, parseForecastCommand } from './forecast-command.ts';
import { renderForecast } from './forecast-reply.ts';
import { shareForecastChart } from './share-forecast-chart.ts';

export const forecastCommands = {
  forecast: {
    usage: forecastUsage,
    example: '/order forecast product BRG-6204-2RS weeks 12',
    summary: 'weekly demand forecast with its 80 % interval, the method chosen and its accuracy',
  },
} satisfies SubcommandTexts;

/**
 * `/order forecast`: weekly demand forecasts from the order lines. One product's or category's
 * forecast also comes as a chart in the person's DM, drawn after the answer is on its way.
 */
export function forecastFeature(deps: FeatureDeps): SlackFeature {
  const { ctx } = deps;

  async function forecastCommand(req: CommandRequest) {
    permit(await req.actor(), 'command:/order forecast');
    const request = parseForecastCommand(req.args);
    // One heavy question at a time per person: a forecast shares the report's slot. The chart is
    // drawn on the chart worker after the answer, so it does not hold the slot.
    const answer = await inHeavyQuestionSlot(ctx.db, req.userId, ctx.clock.now(), async () => {
      // Every product's forecast can take a second or two: answered through response_url.
      if (request.target.kind === 'all') await req.acknowledge();
      const answer = await forecastFor(ctx, request);
      await req.reply(renderForecast(answer));
      return answer;
    });
    if (await shareForecastChart(ctx, req.userId, answer)) deps.afterWrite();
  }

  return { subcommands: subcommandsOf(forecastCommands, { forecast: forecastCommand }) };
}
