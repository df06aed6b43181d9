import { z } from 'zod';
import { orderAtVersion } from '../slack/card-button.ts';
import { registerDecisionButtons } from '../slack/decision-buttons.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { featureKit } from '../slack/feature-kit.ts';
import type { SlackRouter } from '../slack/router.ts';
import { creditHoldActions } from './credit-hold-card.ts';
import { approveCreditHold, rejectCreditHold, requireMayDecideHoldOf } from './decide-credit-hold.ts';

const reason = z
  .string()
  .trim()
  .min(1, 'Say why, for the admin and the customer file.')
  .max(500, 'At most 500 characters.');

/** Finance's Approve / Reject on a credit hold card. */
export function creditHoldFeature(deps: FeatureDeps): SlackFeature {
  const { ctx } = deps;
  const kit = featureKit(deps);
  return {
    register(router: SlackRouter) {
      registerDecisionButtons(router, deps, kit, {
        actions: creditHoldActions,
        ref: orderAtVersion,
        approve: (actor, ref) => approveCreditHold(ctx, actor, ref),
        mayReject: (actor, ref) => requireMayDecideHoldOf(ctx, actor, ref.orderId),
        reject: (actor, ref, why) => rejectCreditHold(ctx, actor, { ...ref, reason: why }),
        modal: {
          callbackId: 'credit_hold.reject_reason',
          title: 'Reject the credit',
          submit: 'Reject order',
          close: 'Cancel',
          label: 'Why is the credit refused?',
          hint: 'The order will be cancelled with this reason; the admin who entered it is told.',
          maxLength: 500,
        },
        reason,
      });
    },
  };
}
