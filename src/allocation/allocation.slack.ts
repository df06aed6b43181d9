import type { BlockAction, ButtonAction, SlackViewAction } from '@slack/bolt';
import { z } from 'zod';
import type { Actor } from '../auth/roles.ts';
import { asView, plain } from '../blocks/block-kit.ts';
import { calendarDate } from '../calendar.ts';
import { AppError, isAppError } from '../errors.ts';
import { resolveOrderNumber } from '../orders/order-reference.ts';
import { departmentsByKey } from '../routing/allocation-store.ts';
import { cardButton, versionedRef } from '../slack/card-button.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { PersonNames } from '../slack/person-names.ts';
import { replyForError } from '../slack/reply-for-error.ts';
import type { SlackRouter } from '../slack/router.ts';
import { progressModal } from './progress-modal.ts';
import { reassignModal } from './reassign-modal.ts';
import { stepActions } from './route-view.ts';
import { expectedDateProblem } from './shipment-line.ts';
import { loadOrderStatus, loadQueue } from './status-queries.ts';
import { renderOrderStatus, renderQueue } from './status-view.ts';
import type { StepRef } from './step-guard.ts';
import type { StepModal } from './step-modal.ts';
import { lookAtStep, reassignStep, recordProgress } from './step-updates.ts';
import { acceptStep, checkFinish, finishStep, markDelivered, startStep } from './work-on-step.ts';

const shipCallbackId = 'step.ship_details';

const stepRef = versionedRef.transform(
  ({ id, version }): StepRef => ({ assignmentId: id, expectedVersion: version }),
);

const shipment = z.object({
  carrier: z.string().trim().min(1, 'Say the carrier.').max(100, 'At most 100 characters.'),
  trackingNumber: z.string().trim().min(1, 'Say the tracking number.').max(100, 'At most 100 characters.'),
  expectedDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Pick the expected delivery date.'),
});
const shipmentBlocks = { carrier: 'carrier', trackingNumber: 'tracking', expectedDate: 'expected' } as const;

/**
 * The buttons on department cards: Accept, Start, Done, shipping details and Delivered; and
 * Progress and Reassign, each through its modal. Report problem is the exceptions feature's.
 */
export function allocationFeature(deps: FeatureDeps): SlackFeature {
  const { ctx, logger } = deps;
  const names = new PersonNames(ctx.db, logger);
  const actorOf = (user: { id: string; team_id?: string }) =>
    deps.loadActor({ userId: user.id, teamId: user.team_id });
  const onStep = (work: (ref: StepRef, actor: Actor) => Promise<unknown>) =>
    cardButton(deps, async ({ action, body }) => {
      await work(stepRef.parse(action.value), await actorOf(body.user));
    });
  /** The refusal goes under the modal's input: a use case's words as written, anything else with a reference. */
  const inlineError = (error: unknown) =>
    isAppError(error) ? error.message : replyForError(error, logger).text;

  /**
   * A step button that opens a modal: the same guard as the use case runs first, so someone
   * who may not act, or a card the order has moved past, gets an ephemeral answer, not a form.
   */
  function withModal<T>(
    router: SlackRouter,
    actionId: string,
    modal: StepModal<T>,
    run: (actor: Actor, ref: StepRef, input: T) => Promise<unknown>,
  ) {
    router.action<BlockAction<ButtonAction>>(
      actionId,
      cardButton(deps, async ({ action, body, client }) => {
        const ref = stepRef.parse(action.value);
        const step = await lookAtStep(ctx, await actorOf(body.user), ref, modal.update);
        const view = await names.inView(modal.view(action.value ?? '', step), client);
        await client.views.open({ trigger_id: body.trigger_id, view });
      }),
    );
    router.view<SlackViewAction>(modal.callbackId, async ({ ack, body, view, client }) => {
      const typed = modal.read(view.state.values);
      if (!typed.ok) {
        await ack({ response_action: 'errors', errors: typed.errors });
        return;
      }
      try {
        await run(await actorOf(body.user), stepRef.parse(view.private_metadata), typed.input);
        await ack();
        deps.afterWrite();
      } catch (error) {
        const errors = { [modal.errorBlock]: await names.inModal(inlineError(error), client) };
        await ack({ response_action: 'errors', errors });
      }
    });
  }

  return {
    subcommands: [
      {
        name: 'status',
        usage: 'status SO-… (or its last digits)',
        example: '/order status SO-2026-000123',
        summary: 'where an order is: each department’s step, who has it, shipping',
        async run(req) {
          await req.actor();
          const number = await resolveOrderNumber(ctx.db, req.args, '/order status');
          const view = await loadOrderStatus(ctx.db, number);
          if (!view) throw new AppError('not_found', `There is no order ${number}.`);
          await req.reply(renderOrderStatus(view));
        },
      },
      {
        name: 'queue',
        usage: 'queue [department]',
        example: '/order queue production',
        summary: 'open work by delivery date, overdue first (yours, or a department’s)',
        async run(req) {
          const actor = await req.actor();
          const key = req.args.trim().toLowerCase() || actor.departmentKey;
          if (key && !(await departmentsByKey(ctx.db, [key])).has(key)) {
            throw new AppError('not_found', `There is no department "${key.slice(0, 40)}".`);
          }
          const title = key ? `Open work in ${key}` : 'Open work in every department';
          await req.reply(
            renderQueue(title, await loadQueue(ctx.db, key), calendarDate(ctx.clock.now(), ctx.timeZone)),
          );
        },
      },
    ],
    register(router: SlackRouter) {
      router.action<BlockAction<ButtonAction>>(
        stepActions.accept,
        onStep((ref, actor) => acceptStep(ctx, actor, ref)),
      );
      router.action<BlockAction<ButtonAction>>(
        stepActions.start,
        onStep((ref, actor) => startStep(ctx, actor, ref)),
      );
      router.action<BlockAction<ButtonAction>>(
        stepActions.done,
        onStep((ref, actor) => finishStep(ctx, actor, ref)),
      );
      router.action<BlockAction<ButtonAction>>(
        stepActions.delivered,
        onStep((ref, actor) =>
          markDelivered(ctx, actor, { ...ref, deliveredOn: calendarDate(ctx.clock.now(), ctx.timeZone) }),
        ),
      );
      router.action<BlockAction<ButtonAction>>(
        stepActions.ship,
        cardButton(deps, async ({ action, body, client }) => {
          await checkFinish(ctx, await actorOf(body.user), stepRef.parse(action.value));
          await client.views.open({
            trigger_id: body.trigger_id,
            view: asView(shipModal(action.value ?? '')),
          });
        }),
      );
      withModal(router, stepActions.progress, progressModal, (actor, ref, input) =>
        recordProgress(ctx, actor, { ...ref, ...input }),
      );
      withModal(router, stepActions.reassign, reassignModal, (actor, ref, input) =>
        reassignStep(ctx, actor, { ...ref, ...input }),
      );
      router.view<SlackViewAction>(shipCallbackId, async ({ ack, body, view, client }) => {
        const values = view.state.values;
        const typed = shipment.safeParse({
          carrier: values.carrier?.carrier?.value ?? '',
          trackingNumber: values.tracking?.tracking?.value ?? '',
          expectedDate: values.expected?.expected?.selected_date ?? '',
        });
        if (!typed.success) {
          const errors = Object.fromEntries(
            typed.error.issues.map((i) => [
              shipmentBlocks[i.path[0] as keyof typeof shipmentBlocks] ?? 'carrier',
              i.message,
            ]),
          );
          await ack({ response_action: 'errors', errors });
          return;
        }
        const past = expectedDateProblem(
          typed.data.expectedDate,
          calendarDate(ctx.clock.now(), ctx.timeZone),
        );
        if (past) {
          await ack({ response_action: 'errors', errors: { expected: past } });
          return;
        }
        try {
          await finishStep(ctx, await actorOf(body.user), {
            ...stepRef.parse(view.private_metadata),
            shipment: typed.data,
          });
          await ack();
          deps.afterWrite();
        } catch (error) {
          const carrier = await names.inModal(replyForError(error, logger).text, client);
          await ack({ response_action: 'errors', errors: { carrier } });
        }
      });
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
