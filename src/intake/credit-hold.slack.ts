import type { BlockAction, ButtonAction, SlackViewAction } from '@slack/bolt';
import { z } from 'zod';
import { plain } from '../slack/block-kit.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { replyForError } from '../slack/reply-for-error.ts';
import type { SlackRouter } from '../slack/router.ts';
import { creditHoldActions } from './credit-hold-card.ts';
import { approveCreditHold, rejectCreditHold, requireMayDecideCreditHolds } from './decide-credit-hold.ts';

const rejectCallbackId = 'credit_hold.reject_reason';

const holdRef = z
  .string()
  .regex(/^\d+:\d+$/)
  .transform((v) => {
    const [orderId, expectedVersion] = v.split(':').map(Number);
    return { orderId: orderId ?? 0, expectedVersion: expectedVersion ?? 0 };
  });

const reason = z
  .string()
  .trim()
  .min(1, 'Say why, for the admin and the customer file.')
  .max(500, 'At most 500 characters.');

/** Finance's Approve / Reject on a credit hold card. */
export function creditHoldFeature(deps: FeatureDeps): SlackFeature {
  const { ctx, logger } = deps;
  return {
    register(app: SlackRouter) {
      app.action<BlockAction<ButtonAction>>(
        creditHoldActions.approve,
        async ({ ack, body, action, respond }) => {
          await ack();
          try {
            const actor = await deps.loadActor({ userId: body.user.id, teamId: body.user.team_id });
            await approveCreditHold(ctx, actor, holdRef.parse(action.value));
            deps.afterWrite();
          } catch (error) {
            await respond({
              response_type: 'ephemeral',
              replace_original: false,
              ...replyForError(error, logger),
            });
          }
        },
      );

      app.action<BlockAction<ButtonAction>>(
        creditHoldActions.reject,
        async ({ ack, body, action, client, respond }) => {
          await ack();
          try {
            const actor = await deps.loadActor({ userId: body.user.id, teamId: body.user.team_id });
            await requireMayDecideCreditHolds(ctx.db, actor);
            const ref = holdRef.parse(action.value);
            await client.views.open({ trigger_id: body.trigger_id, view: rejectModal(ref) as never });
          } catch (error) {
            await respond({
              response_type: 'ephemeral',
              replace_original: false,
              ...replyForError(error, logger),
            });
          }
        },
      );

      app.view<SlackViewAction>(rejectCallbackId, async ({ ack, body, view }) => {
        const typed = view.state.values.reason?.reason?.value ?? '';
        const why = reason.safeParse(typed);
        if (!why.success) {
          await ack({
            response_action: 'errors',
            errors: { reason: why.error.issues[0]?.message ?? 'Say why.' },
          });
          return;
        }
        try {
          const actor = await deps.loadActor({ userId: body.user.id, teamId: body.user.team_id });
          await rejectCreditHold(ctx, actor, { ...holdRef.parse(view.private_metadata), reason: why.data });
          await ack();
          deps.afterWrite();
        } catch (error) {
          await ack({ response_action: 'errors', errors: { reason: replyForError(error, logger).text } });
        }
      });
    },
  };
}

function rejectModal(ref: { orderId: number; expectedVersion: number }) {
  return {
    type: 'modal',
    callback_id: rejectCallbackId,
    title: plain('Reject the credit', 24),
    submit: plain('Reject order', 24),
    close: plain('Cancel', 24),
    private_metadata: `${ref.orderId}:${ref.expectedVersion}`,
    blocks: [
      {
        type: 'input',
        block_id: 'reason',
        label: plain('Why is the credit refused?'),
        element: { type: 'plain_text_input', action_id: 'reason', multiline: true, max_length: 500 },
        hint: plain('The order will be cancelled with this reason; the admin who entered it is told.'),
      },
    ],
  };
}
