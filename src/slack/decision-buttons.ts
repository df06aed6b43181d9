import type { z } from 'zod';
import type { Actor } from '../auth/roles.ts';
import { asView } from '../blocks/block-kit.ts';
import { type ReasonModal, readReason, reasonModal } from '../blocks/reason-modal.ts';
import { cardButton } from './card-button.ts';
import type { FeatureDeps } from './feature.ts';
import type { FeatureKit } from './feature-kit.ts';
import { submitModal, type ViewSubmitArgs } from './modal-submit.ts';
import type { SlackRouter } from './router.ts';

/** Approve and Reject on a card, about the record its buttons carry; Reject asks why first. */
export interface DecisionButtons<Ref> {
  actions: { approve: string; reject: string };
  /** What the buttons carry, checked; the reject modal carries the same back. */
  ref: z.ZodType<Ref>;
  approve(actor: Actor, ref: Ref): Promise<unknown>;
  /** The guard `reject` runs, run before the modal opens: a refusal comes before the typing. */
  mayReject(actor: Actor, ref: Ref): Promise<unknown>;
  reject(actor: Actor, ref: Ref, reason: string): Promise<unknown>;
  /** The modal that asks why; its reason is checked by `reason`. */
  modal: Omit<ReasonModal, 'ref'>;
  reason: z.ZodType<string>;
}

/** Registers a card's Approve, its Reject and the modal Reject opens. */
export function registerDecisionButtons<Ref>(
  router: SlackRouter,
  deps: FeatureDeps,
  { actorOf, modal }: FeatureKit,
  buttons: DecisionButtons<Ref>,
): void {
  router.action(
    buttons.actions.approve,
    cardButton(deps, async ({ action, body }) => {
      await buttons.approve(await actorOf(body.user), buttons.ref.parse(action.value));
    }),
  );
  router.action(
    buttons.actions.reject,
    cardButton(deps, async ({ action, body, client }) => {
      await buttons.mayReject(await actorOf(body.user), buttons.ref.parse(action.value));
      const view = reasonModal({ ...buttons.modal, ref: action.value ?? '' });
      await client.views.open({ trigger_id: body.trigger_id, view: asView(view) });
    }),
  );
  router.view(buttons.modal.callbackId, (args: ViewSubmitArgs) =>
    submitModal(args, modal, {
      read: () => readReason(args.view.state.values, buttons.reason),
      run: async (reason) => {
        const ref = buttons.ref.parse(args.view.private_metadata);
        await buttons.reject(await actorOf(args.body.user), ref, reason);
      },
      refused: { under: 'reason' },
    }),
  );
}
