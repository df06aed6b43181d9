import type { BlockAction, SlackViewAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { permit } from '../auth/permissions.ts';
import { asView, plain, section, slackDate } from '../blocks/block-kit.ts';
import { isAppError } from '../errors.ts';
import { personTimeZone } from '../reminders/person-time-zone.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { toldFormDidNotOpen } from '../slack/open-form.ts';
import { replyForError } from '../slack/reply-for-error.ts';
import type { SlackRouter } from '../slack/router.ts';
import { chooseSummary } from './choose-summary.ts';
import {
  describePreference,
  readSummarySettings,
  summarySettingsIds,
  summarySettingsModal,
} from './summary-settings-view.ts';
import { preferenceOf } from './summary-store.ts';

const notice = (text: string) => ({
  type: 'modal',
  title: plain('Summaries'),
  close: plain('Close'),
  blocks: [section(text)],
});

/** `/order settings` and the Home's Summaries button: a manager chooses daily, weekly or none, and the hour. */
export function summariesFeature(deps: FeatureDeps): SlackFeature {
  const { ctx, logger, loadActor } = deps;
  const form = async (client: WebClient, userId: string) =>
    summarySettingsModal(
      await preferenceOf(ctx.db, userId),
      await personTimeZone(client, userId, ctx.timeZone, logger),
    );

  return {
    subcommands: [
      {
        name: 'settings',
        usage: 'settings',
        example: '/order settings',
        summary: 'managers: your summary of the desk, daily, weekly or none, and at which hour of your clock',
        async run(req) {
          permit(await req.actor(), 'command:/order settings');
          await req.acknowledge();
          try {
            await req.client.views.open({
              trigger_id: req.triggerId,
              view: asView(await form(req.client, req.userId)),
            });
          } catch (error) {
            await toldFormDidNotOpen(error, logger, 'the summary settings', (text) => req.reply({ text }));
          }
        },
      },
    ],
    register(router: SlackRouter) {
      router.action<BlockAction>(summarySettingsIds.homeButton, async ({ ack, body, client }) => {
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
      });

      router.view<SlackViewAction>(summarySettingsIds.form, async ({ ack, body, view }) => {
        const typed = readSummarySettings(view.state.values);
        if (!typed.ok) {
          await ack({ response_action: 'errors', errors: typed.errors });
          return;
        }
        try {
          const actor = await loadActor({ userId: body.user.id, teamId: body.user.team_id });
          permit(actor, 'view:summary_settings');
          const next = await chooseSummary(ctx, actor, typed.preference);
          const when = next ? ` The next comes ${slackDate(next)}.` : '';
          await ack({
            response_action: 'update',
            view: asView(
              notice(`:white_check_mark: Saved: you get ${describePreference(typed.preference)}.${when}`),
            ),
          });
          deps.afterWrite();
        } catch (error) {
          const message = isAppError(error) ? error.message : replyForError(error, logger).text;
          await ack({ response_action: 'errors', errors: { [summarySettingsIds.cadence]: message } });
        }
      });
    },
  };
}
