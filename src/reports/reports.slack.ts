import { permit } from '../auth/permissions.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { type CommandRequest, type SubcommandTexts, subcommandsOf } from '../slack/subcommand.ts';
import { reportUsage } from './report-request.ts';
import { inHeavyQuestionSlot } from './report-runs.ts';
import { computeReport, planReport, shareReportFiles } from './run-report.ts';

export const reportsCommands = {
  report: {
    usage: reportUsage,
    example: '/order report quarter department production',
    summary:
      'orders, value, on time, cycle and stage times, backlog, holds and ratings; charts and CSV by DM',
  },
} satisfies SubcommandTexts;

/** `/order report`: the desk's figures for a period, with charts and CSV in the person's DM. */
export function reportsFeature(deps: FeatureDeps): SlackFeature {
  const { ctx } = deps;

  async function reportCommand(req: CommandRequest) {
    const actor = await req.actor();
    permit(actor, 'command:/order report');
    const plan = await planReport(ctx, actor, req.args);
    await inHeavyQuestionSlot(ctx.db, req.userId, ctx.clock.now(), async () => {
      // The figures may take longer than Slack waits for an answer: say so now, answer later.
      await req.reply({ text: `:hourglass_flowing_sand: Working on your report for ${plan.title.period}…` });
      const { figures, reply } = await computeReport(ctx, plan);
      await req.reply(reply);
      await shareReportFiles(ctx, req.userId, plan, figures);
      deps.afterWrite();
    });
  }

  return { subcommands: subcommandsOf(reportsCommands, { report: reportCommand }) };
}
