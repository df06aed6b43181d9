import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { permit } from '../auth/permissions.ts';
import { asView, plain, section, slackDate } from '../blocks/block-kit.ts';
import { personTimeZone } from '../reminders/person-time-zone.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { submitModal, type ViewSubmitArgs } from '../slack/modal-submit.ts';
import { openFromCommand } from '../slack/open-form.ts';
import { replyForError } from '../slack/reply-for-error.ts';
import type { SlackRouter } from '../slack/router.ts';
import { type CommandRequest, type SubcommandTexts, subcommandsOf } from '../slack/subcommand.ts';
import { chooseSummary } from './choose-summary.ts';
import {
  describePreference,
  readSummarySettings,
  summarySettingsIds,
  summarySettingsModal,
} from './summary-settings-view.ts';
import { preferenceOf } from './summary-store.ts';

type HomeButtonArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

const notice = (text: string) => ({
  type: 'modal',
  title: plain('Summaries'),
  close: plain('Close'),
  blocks: [section(text)],
});

export const summariesCommands = {
  settings: {
    usage: 'settings',
    example: '/order settings',
    summary: 'managers: your summary of the desk, daily, weekly or none, and at which hour of your clock',
  },
} satisfies SubcommandTexts;

/** `/order settings` and the Home's Summaries button: a manager chooses daily, weekly or none, and the hour. */
export function summariesFeature(deps: FeatureDeps): SlackFeature {
  const { ctx, logger, loadActor } = deps;
  const modal = { logger, afterWrite: deps.afterWrite };
  const form = async (client: WebClient, userId: string) =>
    summarySettingsModal(
      await preferenceOf(ctx.db, userId),
      await personTimeZone(client, userId, ctx.timeZone, logger),
    );

  /** `/order settings`: the form with the manager's choice and their clock. */
  async function settingsCommand(req: CommandRequest) {
    permit(await req.actor(), 'command:/order settings');
    await openFromCommand(req, logger, 'the summary settings', () => form(req.client, req.userId));
  }

  /** Summaries, on the App Home: the same form, or a small modal saying why not. */
  async function homeButtonPressed({ ack, body, client }: HomeButtonArgs) {
    await ack();
    let view: Record<string, unknown>;
    try {
      permit(
        await loadActor({ userId: body.user.id, teamId: body.user.team_id }),
        'action:home.summary_settings',
      );
      view = await form(client, body.user.id);
    } catch (error) {
      view = notice(replyForError(error, logger).text);
    }
    await client.views
      .open({ trigger_id: body.trigger_id, view: asView(view) })
      .catch((error: unknown) => logger.warn('could not open the summary settings', error));
  }

  /** The choice saved, and the form says when the next summary comes. */
  async function formSubmitted(args: ViewSubmitArgs) {
    const { body, view } = args;
    await submitModal(args, modal, {
      read: () => readSummarySettings(view.state.values),
      async run(preference) {
        const actor = await loadActor({ userId: body.user.id, teamId: body.user.team_id });
        permit(actor, 'view:summary_settings');
        const next = await chooseSummary(ctx, actor, preference);
        const when = next ? ` The next comes ${slackDate(next)}.` : '';
        const saved = `:white_check_mark: Saved: you get ${describePreference(preference)}.${when}`;
        return { response_action: 'update', view: asView(notice(saved)) };
      },
      refused: { under: summarySettingsIds.cadence },
    });
  }

  return {
    subcommands: subcommandsOf(summariesCommands, { settings: settingsCommand }),
    register(router: SlackRouter) {
      router.action(summarySettingsIds.homeButton, homeButtonPressed);
      router.view(summarySettingsIds.form, formSubmitted);
    },
  };
}
