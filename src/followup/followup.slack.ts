import type { BlockAction, ButtonAction, SlackViewAction } from '@slack/bolt';
import { z } from 'zod';
import { asView, slackDate } from '../blocks/block-kit.ts';
import { isAppError } from '../errors.ts';
import { findOrder } from '../orders/order-store.ts';
import { cardButton } from '../slack/card-button.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { replyForError } from '../slack/reply-for-error.ts';
import type { SlackRouter } from '../slack/router.ts';
import { type SnoozeChoice, snoozeChoices } from './after-delivery-times.ts';
import { feedbackModal, readFeedback } from './feedback-modal.ts';
import { followUpActions } from './follow-up-ids.ts';
import { finishFollowUp, snoozeFollowUp } from './follow-up-moves.ts';
import { logFeedback, requireNoFeedback, requireOwner } from './log-feedback.ts';

/** What the reminder's buttons and the form carry: the order's id, checked at the edge. */
const orderId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** The follow-up reminder's buttons (Log feedback, Snooze, Done) and the feedback form. */
export function followUpFeature(deps: FeatureDeps): SlackFeature {
  const { ctx, logger } = deps;
  const actorOf = (user: { id: string; team_id?: string }) =>
    deps.loadActor({ userId: user.id, teamId: user.team_id });

  return {
    register(router: SlackRouter) {
      router.action<BlockAction<ButtonAction>>(
        followUpActions.logFeedback,
        cardButton(deps, async ({ action, body, client }) => {
          const id = orderId.parse(action.value);
          const actor = await actorOf(body.user);
          const order = await findOrder(ctx.db, id);
          requireOwner(actor, order);
          await requireNoFeedback(ctx.db, order);
          await client.views.open({
            trigger_id: body.trigger_id,
            view: asView(feedbackModal(id, order.number)),
          });
        }),
      );
      for (const choice of Object.keys(snoozeChoices) as SnoozeChoice[]) {
        router.action<BlockAction<ButtonAction>>(
          followUpActions.snooze[choice],
          cardButton(deps, async ({ action, body, respond }) => {
            const at = await snoozeFollowUp(
              ctx,
              await actorOf(body.user),
              orderId.parse(action.value),
              choice,
            );
            await respond({
              response_type: 'ephemeral',
              replace_original: false,
              text: `:zzz: Snoozed: I'll remind you again ${slackDate(at)}.`,
            });
          }),
        );
      }
      router.action<BlockAction<ButtonAction>>(
        followUpActions.done,
        cardButton(deps, async ({ action, body, respond }) => {
          const order = await finishFollowUp(ctx, await actorOf(body.user), orderId.parse(action.value));
          await respond({
            response_type: 'ephemeral',
            replace_original: false,
            text: `:white_check_mark: ${order.number} is completed; nothing more to follow up.`,
          });
        }),
      );
      router.view<SlackViewAction>(followUpActions.feedbackForm, async ({ ack, body, view }) => {
        const typed = readFeedback(view.state.values);
        if (!typed.ok) {
          await ack({ response_action: 'errors', errors: typed.errors });
          return;
        }
        try {
          await logFeedback(ctx, await actorOf(body.user), orderId.parse(view.private_metadata), typed.input);
          await ack();
          deps.afterWrite();
        } catch (error) {
          const message = isAppError(error) ? error.message : replyForError(error, logger).text;
          await ack({ response_action: 'errors', errors: { rating: message } });
        }
      });
    },
  };
}
