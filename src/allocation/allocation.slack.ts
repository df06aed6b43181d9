import type { BlockAction, ButtonAction, SlackViewAction } from '@slack/bolt';
import { z } from 'zod';
import { calendarDate } from '../dates.ts';
import { plain } from '../slack/block-kit.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { replyForError } from '../slack/reply-for-error.ts';
import type { SlackRouter } from '../slack/router.ts';
import { stepActions } from './route-view.ts';
import { acceptStep, finishStep, markDelivered, type StepRef, startStep } from './work-on-step.ts';

const shipCallbackId = 'step.ship_details';

const stepRef = z
  .string()
  .regex(/^\d+:\d+$/)
  .transform((v): StepRef => {
    const [assignmentId, expectedVersion] = v.split(':').map(Number);
    return { assignmentId: assignmentId ?? 0, expectedVersion: expectedVersion ?? 0 };
  });

const shipment = z.object({
  carrier: z.string().trim().min(1, 'Say the carrier.').max(100, 'At most 100 characters.'),
  trackingNumber: z.string().trim().min(1, 'Say the tracking number.').max(100, 'At most 100 characters.'),
  expectedDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Pick the expected delivery date.'),
});

/** The buttons on department cards: Accept, Start, Done, shipping details and Delivered. */
export function allocationFeature(deps: FeatureDeps): SlackFeature {
  const { ctx, logger } = deps;
  const actorOf = (user: { id: string; team_id?: string }) =>
    deps.loadActor({ userId: user.id, teamId: user.team_id });

  const onButton =
    (work: (ref: StepRef, actor: Awaited<ReturnType<typeof actorOf>>) => Promise<unknown>) =>
    async ({
      ack,
      body,
      action,
      respond,
    }: {
      ack: () => Promise<void>;
      body: BlockAction;
      action: ButtonAction;
      respond: (m: object) => Promise<unknown>;
    }) => {
      await ack();
      try {
        await work(stepRef.parse(action.value), await actorOf(body.user));
        deps.afterWrite();
      } catch (error) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          ...replyForError(error, logger),
        });
      }
    };

  return {
    register(router: SlackRouter) {
      router.action<BlockAction<ButtonAction>>(
        stepActions.accept,
        onButton((ref, actor) => acceptStep(ctx, actor, ref)),
      );
      router.action<BlockAction<ButtonAction>>(
        stepActions.start,
        onButton((ref, actor) => startStep(ctx, actor, ref)),
      );
      router.action<BlockAction<ButtonAction>>(
        stepActions.done,
        onButton((ref, actor) => finishStep(ctx, actor, ref)),
      );
      router.action<BlockAction<ButtonAction>>(
        stepActions.delivered,
        onButton((ref, actor) =>
          markDelivered(ctx, actor, { ...ref, deliveredOn: calendarDate(ctx.clock.now(), ctx.timeZone) }),
        ),
      );
      router.action<BlockAction<ButtonAction>>(
        stepActions.ship,
        async ({ ack, body, action, client, respond }) => {
          await ack();
          try {
            stepRef.parse(action.value);
            await client.views.open({
              trigger_id: body.trigger_id,
              view: shipModal(action.value ?? '') as never,
            });
          } catch (error) {
            await respond({
              response_type: 'ephemeral',
              replace_original: false,
              ...replyForError(error, logger),
            });
          }
        },
      );
      router.view<SlackViewAction>(shipCallbackId, async ({ ack, body, view }) => {
        const values = view.state.values;
        const typed = shipment.safeParse({
          carrier: values.carrier?.carrier?.value ?? '',
          trackingNumber: values.tracking?.tracking?.value ?? '',
          expectedDate: values.expected?.expected?.selected_date ?? '',
        });
        if (!typed.success) {
          const blockOf = {
            carrier: 'carrier',
            trackingNumber: 'tracking',
            expectedDate: 'expected',
          } as const;
          const errors = Object.fromEntries(
            typed.error.issues.map((i) => [
              blockOf[i.path[0] as keyof typeof blockOf] ?? 'carrier',
              i.message,
            ]),
          );
          await ack({ response_action: 'errors', errors });
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
          await ack({ response_action: 'errors', errors: { carrier: replyForError(error, logger).text } });
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
