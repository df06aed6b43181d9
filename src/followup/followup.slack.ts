import { z } from 'zod';
import { asView, slackDate } from '../blocks/block-kit.ts';
import { findOrder } from '../orders/order-store.ts';
import { type ButtonArgs, cardButton } from '../slack/card-button.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { featureKit } from '../slack/feature-kit.ts';
import { submitModal, type ViewSubmitArgs } from '../slack/modal-submit.ts';
import type { SlackRouter } from '../slack/router.ts';
import { type SnoozeChoice, snoozeChoices } from './after-delivery-times.ts';
import { feedbackModal, readFeedback } from './feedback-modal.ts';
import { followUpActions } from './follow-up-ids.ts';
import { finishFollowUp, snoozeFollowUp } from './follow-up-moves.ts';
import { requireOwner } from './follow-up-owner.ts';
import { logFeedback, requireNoFeedback } from './log-feedback.ts';

/** What the reminder's buttons and the form carry: the order's id, checked at the edge. */
const orderId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** The follow-up reminder's buttons (Log feedback, Snooze, Done) and the feedback form. */
export function followUpFeature(deps: FeatureDeps): SlackFeature {
  const { ctx } = deps;
  const { actorOf, modal } = featureKit(deps, { namesInModals: false });

  /** Log feedback: the form, for the order's owner while none is logged. */
  async function logFeedbackPressed({ action, body, client }: ButtonArgs) {
    const id = orderId.parse(action.value);
    const actor = await actorOf(body.user);
    const order = await findOrder(ctx.db, id);
    requireOwner(actor, order);
    await requireNoFeedback(ctx.db, order);
    await client.views.open({ trigger_id: body.trigger_id, view: asView(feedbackModal(id, order.number)) });
  }

  /** Snooze (a day, a week…): the reminder comes again later. */
  const snoozePressed =
    (choice: SnoozeChoice) =>
    async ({ action, body, respond }: ButtonArgs) => {
      const at = await snoozeFollowUp(ctx, await actorOf(body.user), orderId.parse(action.value), choice);
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: `:zzz: Snoozed: I'll remind you again ${slackDate(at)}.`,
      });
    };

  async function donePressed({ action, body, respond }: ButtonArgs) {
    const order = await finishFollowUp(ctx, await actorOf(body.user), orderId.parse(action.value));
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: `:white_check_mark: ${order.number} is completed; nothing more to follow up.`,
    });
  }

  async function feedbackFormSubmitted(args: ViewSubmitArgs) {
    const { body, view } = args;
    await submitModal(args, modal, {
      read: () => readFeedback(view.state.values),
      async run(feedback) {
        await logFeedback(ctx, await actorOf(body.user), orderId.parse(view.private_metadata), feedback);
      },
      refused: { under: 'rating' },
    });
  }

  return {
    register(router: SlackRouter) {
      router.action(followUpActions.logFeedback, cardButton(deps, logFeedbackPressed));
      for (const choice of Object.keys(snoozeChoices) as SnoozeChoice[]) {
        router.action(followUpActions.snooze[choice], cardButton(deps, snoozePressed(choice)));
      }
      router.action(followUpActions.done, cardButton(deps, donePressed));
      router.view(followUpActions.feedbackForm, feedbackFormSubmitted);
    },
  };
}
