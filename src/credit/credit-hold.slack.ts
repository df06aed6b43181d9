import type { BlockAction, ButtonAction, SlackViewAction } from '@slack/bolt';
import { z } from 'zod';
import { asView, plain } from '../blocks/block-kit.ts';
import { isAppError } from '../errors.ts';
import { cardButton, versionedRef } from '../slack/card-button.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { PersonNames } from '../slack/person-names.ts';
import { replyForError } from '../slack/reply-for-error.ts';
import type { SlackRouter } from '../slack/router.ts';
import { creditHoldActions } from './credit-hold-card.ts';
import {
  approveCreditHold,
  type HoldDecision,
  rejectCreditHold,
  requireMayDecideHoldOf,
} from './decide-credit-hold.ts';

const rejectCallbackId = 'credit_hold.reject_reason';

const holdRef = versionedRef.transform(
  ({ id, version }): HoldDecision => ({ orderId: id, expectedVersion: version }),
);

const reason = z
  .string()
  .trim()
  .min(1, 'Say why, for the admin and the customer file.')
  .max(500, 'At most 500 characters.');

/** Finance's Approve / Reject on a credit hold card. */
export function creditHoldFeature(deps: FeatureDeps): SlackFeature {
  const { ctx, logger } = deps;
  const names = new PersonNames(ctx.db, logger);
  const actorOf = (user: { id: string; team_id?: string }) =>
    deps.loadActor({ userId: user.id, teamId: user.team_id });
  return {
    register(router: SlackRouter) {
      router.action<BlockAction<ButtonAction>>(
        creditHoldActions.approve,
        cardButton(deps, async ({ body, action }) => {
          await approveCreditHold(ctx, await actorOf(body.user), holdRef.parse(action.value));
        }),
      );

      router.action<BlockAction<ButtonAction>>(
        creditHoldActions.reject,
        cardButton(deps, async ({ body, action, client }) => {
          const ref = holdRef.parse(action.value);
          await requireMayDecideHoldOf(ctx, await actorOf(body.user), ref.orderId);
          await client.views.open({ trigger_id: body.trigger_id, view: asView(rejectModal(ref)) });
        }),
      );

      router.view<SlackViewAction>(rejectCallbackId, async ({ ack, body, view, client }) => {
        const why = reason.safeParse(view.state.values.reason?.reason?.value ?? '');
        if (!why.success) {
          await ack({
            response_action: 'errors',
            errors: { reason: why.error.issues[0]?.message ?? 'Say why.' },
          });
          return;
        }
        try {
          await rejectCreditHold(ctx, await actorOf(body.user), {
            ...holdRef.parse(view.private_metadata),
            reason: why.data,
          });
          await ack();
          deps.afterWrite();
        } catch (error) {
          // An inline error is plain text: a use case's words as written, without an emoji code.
          const said = isAppError(error) ? error.message : replyForError(error, logger).text;
          const text = await names.inModal(said, client);
          await ack({ response_action: 'errors', errors: { reason: text } });
        }
      });
    },
  };
}

function rejectModal(ref: HoldDecision) {
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
