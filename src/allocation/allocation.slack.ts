import { z } from 'zod';
import type { Actor } from '../auth/roles.ts';
import { asView, plain } from '../blocks/block-kit.ts';
import { calendarDate } from '../calendar.ts';
import { AppError } from '../errors.ts';
import { resolveOrderNumber } from '../orders/order-reference.ts';
import { departmentsByKey } from '../routing/allocation-store.ts';
import { type ButtonArgs, cardButton, stepAtVersion } from '../slack/card-button.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { featureKit } from '../slack/feature-kit.ts';
import { readWith, submitModal, underInputs, type ViewSubmitArgs } from '../slack/modal-submit.ts';
import type { SlackRouter } from '../slack/router.ts';
import { type CommandRequest, type SubcommandTexts, subcommandsOf } from '../slack/subcommand.ts';
import { stepActions } from './route-view.ts';
import { loadOrderStatus, loadQueue } from './status-queries.ts';
import { renderOrderStatus, renderQueue } from './status-view.ts';
import { progressModal } from './steps/progress-modal.ts';
import { reassignModal } from './steps/reassign-modal.ts';
import { expectedDateProblem } from './steps/shipment-line.ts';
import type { StepRef } from './steps/step-guard.ts';
import type { StepModal } from './steps/step-modal.ts';
import { lookAtStep, reassignStep, recordProgress } from './steps/step-updates.ts';
import { acceptStep, checkFinish, finishStep, markDelivered, startStep } from './steps/work-on-step.ts';

const shipCallbackId = 'step.ship_details';

/** The ship form's inputs, keyed by their block ids; read as the shipment finishStep takes. */
const shipment = z
  .object({
    carrier: z.string().trim().min(1, 'Say the carrier.').max(100, 'At most 100 characters.'),
    tracking: z.string().trim().min(1, 'Say the tracking number.').max(100, 'At most 100 characters.'),
    expected: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Pick the expected delivery date.'),
  })
  .transform(({ carrier, tracking, expected }) => ({
    carrier,
    trackingNumber: tracking,
    expectedDate: expected,
  }));
const shipmentBlocks = ['carrier', 'tracking', 'expected'];

export const allocationCommands = {
  status: {
    usage: 'status SO-… (or its last digits)',
    example: '/order status SO-2026-000123',
    summary: 'where an order is: each department’s step, who has it, shipping',
  },
  queue: {
    usage: 'queue [department]',
    example: '/order queue production',
    summary: 'open work by delivery date, overdue first (yours, or a department’s)',
  },
} satisfies SubcommandTexts;

/**
 * The buttons on department cards: Accept, Start, Done, shipping details and Delivered; and
 * Progress and Reassign, each through its modal. Report problem is the exceptions feature's.
 */
export function allocationFeature(deps: FeatureDeps): SlackFeature {
  const { ctx } = deps;
  const { actorOf, names, modal } = featureKit(deps);
  const today = () => calendarDate(ctx.clock.now(), ctx.timeZone);

  /** A step button that runs its use case as pressed. */
  const onStep = (work: (ref: StepRef, actor: Actor) => Promise<unknown>) =>
    cardButton(deps, async ({ action, body }) => {
      await work(stepAtVersion.parse(action.value), await actorOf(body.user));
    });

  /**
   * A step button that opens a modal: the same guard as the use case runs first, so someone
   * who may not act, or a card the order has moved past, gets an ephemeral answer, not a form.
   */
  function withModal<T>(
    router: SlackRouter,
    actionId: string,
    stepModal: StepModal<T>,
    run: (actor: Actor, ref: StepRef, input: T) => Promise<unknown>,
  ) {
    router.action(
      actionId,
      cardButton(deps, async ({ action, body, client }) => {
        const ref = stepAtVersion.parse(action.value);
        const step = await lookAtStep(ctx, await actorOf(body.user), ref, stepModal.update);
        const view = await names.inView(stepModal.view(action.value ?? '', step), client);
        await client.views.open({ trigger_id: body.trigger_id, view });
      }),
    );
    router.view(stepModal.callbackId, (args: ViewSubmitArgs) =>
      submitModal(args, modal, {
        read: () => stepModal.read(args.view.state.values),
        async run(input) {
          await run(await actorOf(args.body.user), stepAtVersion.parse(args.view.private_metadata), input);
        },
        refused: { under: stepModal.errorBlock },
      }),
    );
  }

  /** `/order status SO-…`: each department's step of the order. */
  async function statusCommand(req: CommandRequest) {
    await req.actor();
    const number = await resolveOrderNumber(ctx.db, req.args, '/order status');
    const view = await loadOrderStatus(ctx.db, number);
    if (!view) throw new AppError('not_found', `There is no order ${number}.`);
    await req.reply(renderOrderStatus(view));
  }

  /** `/order queue [department]`: open work, the person's department's unless they name one. */
  async function queueCommand(req: CommandRequest) {
    const actor = await req.actor();
    const key = req.args.trim().toLowerCase() || actor.departmentKey;
    if (key && !(await departmentsByKey(ctx.db, [key])).has(key)) {
      throw new AppError('not_found', `There is no department "${key.slice(0, 40)}".`);
    }
    const title = key ? `Open work in ${key}` : 'Open work in every department';
    await req.reply(renderQueue(title, await loadQueue(ctx.db, key), today()));
  }

  /** Shipped, on the logistics card: the form for carrier, tracking and the expected date. */
  async function shipPressed({ action, body, client }: ButtonArgs) {
    await checkFinish(ctx, await actorOf(body.user), stepAtVersion.parse(action.value));
    await client.views.open({ trigger_id: body.trigger_id, view: asView(shipModal(action.value ?? '')) });
  }

  async function shipFormSubmitted(args: ViewSubmitArgs) {
    const { body, view } = args;
    await submitModal(args, modal, {
      read() {
        const values = view.state.values;
        const typed = readWith(
          shipment.safeParse({
            carrier: values.carrier?.carrier?.value ?? '',
            tracking: values.tracking?.tracking?.value ?? '',
            expected: values.expected?.expected?.selected_date ?? '',
          }),
          underInputs(shipmentBlocks),
        );
        const past = typed.ok && expectedDateProblem(typed.input.expectedDate, today());
        return past ? { ok: false, errors: { expected: past } } : typed;
      },
      async run(shipped) {
        await finishStep(ctx, await actorOf(body.user), {
          ...stepAtVersion.parse(view.private_metadata),
          shipment: shipped,
        });
      },
      refused: { under: 'carrier' },
    });
  }

  return {
    subcommands: subcommandsOf(allocationCommands, { status: statusCommand, queue: queueCommand }),
    register(router: SlackRouter) {
      router.action(
        stepActions.accept,
        onStep((ref, actor) => acceptStep(ctx, actor, ref)),
      );
      router.action(
        stepActions.start,
        onStep((ref, actor) => startStep(ctx, actor, ref)),
      );
      router.action(
        stepActions.done,
        onStep((ref, actor) => finishStep(ctx, actor, ref)),
      );
      router.action(
        stepActions.delivered,
        onStep((ref, actor) => markDelivered(ctx, actor, { ...ref, deliveredOn: today() })),
      );
      router.action(stepActions.ship, cardButton(deps, shipPressed));
      router.view(shipCallbackId, shipFormSubmitted);
      withModal(router, stepActions.progress, progressModal, (actor, ref, input) =>
        recordProgress(ctx, actor, { ...ref, ...input }),
      );
      withModal(router, stepActions.reassign, reassignModal, (actor, ref, input) =>
        reassignStep(ctx, actor, { ...ref, ...input }),
      );
    },
  };
}

function shipModal(ref: string) {
  const text = (blockId: string, label: string) => ({
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element: { type: 'plain_text_input', action_id: blockId, max_length: 100 },
  });
  return {
    type: 'modal',
    callback_id: shipCallbackId,
    title: plain('Shipped', 24),
    submit: plain('Mark shipped', 24),
    close: plain('Cancel', 24),
    private_metadata: ref,
    blocks: [
      text('carrier', 'Carrier'),
      text('tracking', 'Tracking number'),
      {
        type: 'input',
        block_id: 'expected',
        label: plain('Expected delivery'),
        element: { type: 'datepicker', action_id: 'expected' },
      },
    ],
  };
}
