import { permit } from '../auth/permissions.ts';
import { AppError, staleOrderMessage } from '../errors.ts';
import { orderActions } from '../orders/order-buttons.ts';
import { holdKindWords } from '../orders/order-card.ts';
import { findOrderByReference } from '../orders/order-reference.ts';
import { describeStatus } from '../orders/order-states.ts';
import { findOrder, type OrderRow } from '../orders/order-store.ts';
import { type ButtonArgs, cardButton, orderAtVersion, versionedRef } from '../slack/card-button.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { featureKit } from '../slack/feature-kit.ts';
import type { ViewSubmitArgs } from '../slack/modal-submit.ts';
import type { SlackRouter } from '../slack/router.ts';
import { type CommandRequest, type SubcommandTexts, subcommandsOf } from '../slack/subcommand.ts';
import { holdForm, holdFormId, readHoldForm } from './hold-form.ts';
import { holdOrder, releaseHold, requireHoldable } from './hold-order.ts';

export const holdsCommands = {
  hold: {
    usage: 'hold SO-… [reason]',
    example: '/order hold SO-2026-000123 waiting for the customer’s drawings',
    summary: 'put an order on hold with a reason (without one: a form to pick manual or customer request)',
  },
  release: {
    usage: 'release SO-…',
    example: '/order release SO-2026-000123',
    summary: 'release a hold put on by hand (credit: finance decides; a problem: resolve it)',
  },
} satisfies SubcommandTexts;

const released = (order: OrderRow) =>
  `:arrow_forward: ${order.number} is released: it is ${describeStatus(order.status)} again.`;

/**
 * Manual holds (issue 13, point 6): Hold… and Release hold on the owner's card and under
 * `/order show`, `/order hold` and `/order release`; admins only.
 */
export function holdsFeature(deps: FeatureDeps): SlackFeature {
  const { ctx } = deps;
  const { actorOf, submitAs } = featureKit(deps, { namesInModals: false });

  /** `/order hold SO-… reason`: held as manual at once; without a reason, the form. */
  async function holdCommand(req: CommandRequest) {
    permit(await req.actor(), 'command:/order hold');
    const [ref = '', ...words] = req.args.trim().split(/\s+/);
    const order = await findOrderByReference(ctx.db, ref, '/order hold');
    const reason = words.join(' ').trim();
    if (!reason) {
      requireHoldable(order);
      await req.acknowledge();
      await req.client.views.open({ trigger_id: req.triggerId, view: holdForm(order) });
      return;
    }
    const held = await holdOrder(ctx, await req.actor(), {
      orderId: order.id,
      expectedVersion: order.version,
      kind: 'manual',
      reason: reason.slice(0, 500),
    });
    deps.afterWrite();
    await req.reply({
      text: `:double_vertical_bar: ${held.order.number} is on hold (${holdKindWords.manual}).`,
    });
  }

  async function releaseCommand(req: CommandRequest) {
    permit(await req.actor(), 'command:/order release');
    const order = await findOrderByReference(ctx.db, req.args, '/order release');
    const moved = await releaseHold(ctx, await req.actor(), {
      orderId: order.id,
      expectedVersion: order.version,
    });
    deps.afterWrite();
    await req.reply({ text: released(moved) });
  }

  /** Hold…, on the owner's card: the form, only on the order the card showed and only when it can be held. */
  async function holdPressed({ action, body, client }: ButtonArgs) {
    permit(await actorOf(body.user), 'action:order.hold');
    const { id, version } = versionedRef.parse(action.value);
    const order = await findOrder(ctx.db, id);
    if (order.version !== version) throw new AppError('stale', staleOrderMessage);
    requireHoldable(order);
    await client.views.open({ trigger_id: body.trigger_id, view: holdForm(order) });
  }

  async function releasePressed({ action, body }: ButtonArgs) {
    const actor = await actorOf(body.user);
    permit(actor, 'action:order.release');
    await releaseHold(ctx, actor, orderAtVersion.parse(action.value));
  }

  async function holdFormSubmitted(args: ViewSubmitArgs) {
    const { view } = args;
    await submitAs(args, 'view:hold.form', {
      read: () => readHoldForm(view.state.values),
      async run(actor, input) {
        await holdOrder(ctx, actor, { ...orderAtVersion.parse(view.private_metadata), ...input });
      },
      refused: { under: 'reason' },
    });
  }

  return {
    subcommands: subcommandsOf(holdsCommands, { hold: holdCommand, release: releaseCommand }),
    register(router: SlackRouter) {
      router.action(orderActions.hold, cardButton(deps, holdPressed));
      router.action(orderActions.release, cardButton(deps, releasePressed));
      router.view(holdFormId, holdFormSubmitted);
    },
  };
}
