import { z } from 'zod';
import { asView } from '../blocks/block-kit.ts';
import { reasonModal, submitReason } from '../blocks/reason-modal.ts';
import { type ButtonArgs, cardButton, orderAtVersion } from '../slack/card-button.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { featureKit } from '../slack/feature-kit.ts';
import type { ViewSubmitArgs } from '../slack/modal-submit.ts';
import type { SlackRouter } from '../slack/router.ts';
import { creditHoldActions } from './credit-hold-card.ts';
import {
  approveCreditHold,
  type HoldDecision,
  rejectCreditHold,
  requireMayDecideHoldOf,
} from './decide-credit-hold.ts';

const rejectCallbackId = 'credit_hold.reject_reason';

const reason = z
  .string()
  .trim()
  .min(1, 'Say why, for the admin and the customer file.')
  .max(500, 'At most 500 characters.');

/** Finance's Approve / Reject on a credit hold card. */
export function creditHoldFeature(deps: FeatureDeps): SlackFeature {
  const { ctx } = deps;
  const { actorOf, modal } = featureKit(deps);

  async function approvePressed({ body, action }: ButtonArgs) {
    await approveCreditHold(ctx, await actorOf(body.user), orderAtVersion.parse(action.value));
  }

  /** Reject: the form asking why, once the same guard as the decision has let the person through. */
  async function rejectPressed({ body, action, client }: ButtonArgs) {
    const ref = orderAtVersion.parse(action.value);
    await requireMayDecideHoldOf(ctx, await actorOf(body.user), ref.orderId);
    await client.views.open({ trigger_id: body.trigger_id, view: asView(rejectModal(ref)) });
  }

  async function rejectFormSubmitted(args: ViewSubmitArgs) {
    await submitReason(args, modal, reason, async (why) => {
      const ref = orderAtVersion.parse(args.view.private_metadata);
      await rejectCreditHold(ctx, await actorOf(args.body.user), { ...ref, reason: why });
    });
  }

  return {
    register(router: SlackRouter) {
      router.action(creditHoldActions.approve, cardButton(deps, approvePressed));
      router.action(creditHoldActions.reject, cardButton(deps, rejectPressed));
      router.view(rejectCallbackId, rejectFormSubmitted);
    },
  };
}

function rejectModal(ref: HoldDecision) {
  return reasonModal({
    callbackId: rejectCallbackId,
    title: 'Reject the credit',
    submit: 'Reject order',
    close: 'Cancel',
    ref: `${ref.orderId}:${ref.expectedVersion}`,
    label: 'Why is the credit refused?',
    hint: 'The order will be cancelled with this reason; the admin who entered it is told.',
    maxLength: 500,
  });
}
