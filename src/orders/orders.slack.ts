import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { permit } from '../auth/permissions.ts';
import { seesPrices } from '../auth/price-visibility.ts';
import type { Actor } from '../auth/roles.ts';
import { divider, section } from '../blocks/block-kit.ts';
import { AppError } from '../errors.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { featureKit } from '../slack/feature-kit.ts';
import { jsonText } from '../slack/json-text.ts';
import { replyForError } from '../slack/reply-for-error.ts';
import type { SlackRouter } from '../slack/router.ts';
import { type CommandRequest, type SubcommandTexts, subcommandsOf } from '../slack/subcommand.ts';
import { openOrderActionId } from './order-action-ids.ts';
import { orderButtons } from './order-buttons.ts';
import { renderOrderCard } from './order-card.ts';
import { changeNotice } from './order-change-notice.ts';
import { listPageSize, moreOrdersAction, renderOrderList } from './order-list-view.ts';
import { findOrderIdByNumber, listOrders, loadTimeline, type OrderFilter } from './order-queries.ts';
import { resolveOrderNumber } from './order-reference.ts';
import { loadOrderSnapshot } from './order-snapshot.ts';
import { orderStatuses } from './order-states.ts';
import { timelineLines } from './order-timeline.ts';

/** What Open carries: an order's id, checked at the edge. */
const orderIdValue = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const listUsage = 'list [mine|open|held|customer <name>|status <state>]';

const filterSchema: z.ZodType<OrderFilter> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('open') }),
  z.object({ kind: z.literal('mine'), userId: z.string() }),
  z.object({ kind: z.literal('held') }),
  z.object({ kind: z.literal('customer'), name: z.string().min(1).max(100) }),
  z.object({ kind: z.literal('status'), status: z.enum(orderStatuses) }),
]);

/** More's value; built once, as building a zod schema costs more than parsing with it. */
const morePayload = jsonText.pipe(
  z.object({
    filter: filterSchema,
    before: z.number().int().positive(),
    page: z.number().int(),
  }),
);

/** Reads `/order list …` words into a filter, or says what it expected. */
export function parseListArgs(args: string, userId: string): OrderFilter {
  const [word = 'open', ...rest] = args.trim().split(/\s+/).filter(Boolean);
  const tail = rest.join(' ');
  switch (word.toLowerCase()) {
    case 'open':
      return { kind: 'open' };
    case 'mine':
      return { kind: 'mine', userId };
    case 'held':
      return { kind: 'held' };
    case 'customer':
      if (!tail) throw new AppError('invalid_input', 'Say which customer, e.g. `/order list customer acme`.');
      return { kind: 'customer', name: tail.slice(0, 100) };
    case 'status': {
      const status = orderStatuses.find((s) => s === tail.toLowerCase().replaceAll(' ', '_'));
      if (!status) {
        throw new AppError(
          'invalid_input',
          `Say a state: ${orderStatuses.join(', ')}. E.g. \`/order list status on_hold\`.`,
        );
      }
      return { kind: 'status', status };
    }
    default:
      throw new AppError('invalid_input', `I can list ${listUsage.slice(5)}. E.g. \`/order list held\`.`);
  }
}

export const ordersCommands = {
  show: {
    usage: 'show SO-… (or its last digits)',
    example: '/order show SO-2026-000123',
    summary: 'an order’s card and its timeline, just for you',
  },
  list: { usage: listUsage, example: '/order list held', summary: 'orders, newest first' },
} satisfies SubcommandTexts;

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** `/order show` and `/order list`: where orders are, for anyone in the workspace. */
export function ordersFeature(deps: FeatureDeps): SlackFeature {
  const { ctx, logger, loadActor, followUp } = deps;
  const kit = featureKit(deps);
  /** The order's card and its latest timeline, for one person. */
  async function orderWithTimeline(id: number, actor: Actor) {
    const order = await loadOrderSnapshot(ctx.db, id);
    if (!order) throw new AppError('not_found', 'That order no longer exists.');
    const card = renderOrderCard(order, {
      prices: seesPrices(actor),
      buttons: orderButtons(order),
      notice: await changeNotice(ctx.db, order),
    });
    const timeline = timelineLines(await loadTimeline(ctx.db, id));
    return {
      text: card.text,
      blocks: [...(card.blocks ?? []), divider(), section(`*Timeline*\n${timeline.slice(-40).join('\n')}`)],
    };
  }

  /** `/order show SO-…`: the card and its timeline, for the person alone. */
  async function showCommand(req: CommandRequest) {
    const actor = await req.actor();
    const number = await resolveOrderNumber(ctx.db, req.args, '/order show');
    const id = await findOrderIdByNumber(ctx.db, number);
    if (!id) throw new AppError('not_found', `There is no order ${number}.`);
    await req.reply(await orderWithTimeline(id, actor));
  }

  async function listCommand(req: CommandRequest) {
    await req.actor();
    const filter = parseListArgs(req.args, req.userId);
    const items = await listOrders(ctx.db, filter, { size: listPageSize });
    await req.reply(renderOrderList(filter, items, 1));
  }

  /** Open, on an order in the customer view: the same card and timeline as /order show. */
  async function openPressed({ ack, action, body, respond }: ActionArgs) {
    await ack();
    try {
      const actor = await loadActor({ userId: body.user.id, teamId: body.user.team_id });
      permit(actor, 'action:customer_view.open_order');
      const id = orderIdValue.parse(action.type === 'button' ? action.value : '');
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...(await orderWithTimeline(id, actor)),
      });
    } catch (error) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...replyForError(error, logger) });
    }
  }

  /**
   * More, under a list: the next page of the same filter. Acknowledged at once; the page is
   * read and posted as a follow-up (follow-ups.ts), so a burst of clicks is acked at the rate of
   * acks alone. The follow-up keeps only what it needs, not the request.
   */
  async function morePressed({ ack, action, body, respond }: ActionArgs) {
    await ack();
    const user = { id: body.user.id, team_id: body.user.team_id };
    const raw = action.type === 'button' ? action.value : undefined;
    followUp(async () => {
      try {
        // The button carries its filter: a page is shown to whoever the table lets list orders,
        // not to whoever has the button.
        await kit.allow(user, 'action:orders.list.more');
        const more = morePayload.parse(raw ?? '');
        const items = await listOrders(ctx.db, more.filter, { before: more.before, size: listPageSize });
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          ...renderOrderList(more.filter, items, more.page),
        });
      } catch (error) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          ...replyForError(error, logger),
        });
      }
    });
  }

  return {
    subcommands: subcommandsOf(ordersCommands, { show: showCommand, list: listCommand }),
    register(router: SlackRouter) {
      router.action(openOrderActionId, openPressed);
      router.action(moreOrdersAction, morePressed);
    },
  };
}
