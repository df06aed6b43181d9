import { permit } from '../auth/permissions.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { type CommandRequest, type SubcommandTexts, subcommandsOf } from '../slack/subcommand.ts';
import { forecastFor } from './demand-forecast.ts';
import { forecastUsage, parseForecastCommand } from './forecast-command.ts';
import { renderForecast } from './forecast-reply.ts';

export const forecastCommands = {
  forecast: {
    usage: forecastUsage,
    example: '/order forecast product BRG-6204-2RS weeks 12',
    summary: 'weekly demand forecast with its 80 % interval, the method chosen and its accuracy',
  },
} satisfies SubcommandTexts;

/**
 * `/order forecast`: weekly demand forecasts from the order lines. The chart of the forecast and
 * its interval is left to the report charts (vega-lite → PNG, uploaded through the outbox).
 */
export function forecastFeature(deps: FeatureDeps): SlackFeature {
  const { ctx } = deps;

  async function forecastCommand(req: CommandRequest) {
    permit(await req.actor(), 'command:/order forecast');
    const request = parseForecastCommand(req.args);
    // Every product's forecast can take a second or two: answered through response_url.
    if (request.target.kind === 'all') await req.acknowledge();
    await req.reply(renderForecast(await forecastFor(ctx, request)));
  }

  return { subcommands: subcommandsOf(forecastCommands, { forecast: forecastCommand }) };
}
