import type { BlockAction, ButtonAction, SlackViewAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { permit } from '../auth/permissions.ts';
import { asView, plain, section } from '../blocks/block-kit.ts';
import { unreadableForm } from '../customers/form-submission.ts';
import { customers, products } from '../db/schema.ts';
import { AppError, isAppError } from '../errors.ts';
import { orderActions } from '../orders/order-buttons.ts';
import { findOrderByReference } from '../orders/order-reference.ts';
import { findOrder } from '../orders/order-store.ts';
import { cardButton, versionedRef } from '../slack/card-button.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { PersonNames } from '../slack/person-names.ts';
import { replyForError } from '../slack/reply-for-error.ts';
import type { SlackRouter } from '../slack/router.ts';
import { cancelOrder } from './cancel-order.ts';
import { changeActions } from './change-card.ts';
import { buildChangeForm, changeFormId, findingBlock, readChangeForm, readFormMeta } from './change-form.ts';
import { buildChangePreview, changeConfirmId } from './change-preview.ts';
import { loadOrderContent, sentChanges } from './change-store.ts';
import { checkDecision, decideChange } from './decide-change.ts';
import { renderHistory } from './history-view.ts';
import type { OrderContent } from './order-content.ts';
import { previewChange, sendChange } from './request-change.ts';

const cancelFormId = 'cancel.form';
const rejectFormId = 'change.reject_reason';

const decisionRef = versionedRef.transform(({ id, version }) => ({ changeId: id, departmentId: version }));
/** The id a change form carries in its private_metadata; anything else is a form we did not draw. */
const formRecordId = z
  .string()
  .regex(/^\d{1,16}$/)
  .transform(Number);
function recordIdOf(metadata: string): number {
  const id = formRecordId.safeParse(metadata);
  if (!id.success) throw new AppError('invalid_input', unreadableForm);
  return id.data;
}
/** A cancel or reject form's required reason, or the inline error its form gets. */
function formReason(view: SlackViewAction['view']): { reason: string } | { errors: Record<string, string> } {
  const read = reasonText.safeParse(view.state.values.reason?.reason?.value ?? '');
  return read.success
    ? { reason: read.data }
    : { errors: { reason: read.error.issues[0]?.message ?? 'Say why.' } };
}
const reasonText = z.string().trim().min(1, 'Say why.').max(1000, 'At most 1000 characters.');

/**
 * Change requests and cancellation (issue 13, points 1–4): `/order change`, `/order cancel`,
 * `/order history`; Request change and Cancel order on the owner's card and under `/order show`;
 * the change form with its preview; Approve and Reject on the departments' change cards.
 */
export function changesFeature(deps: FeatureDeps): SlackFeature {
  const { ctx, logger } = deps;
  const names = new PersonNames(ctx.db, logger);
  const actorOf = (user: { id: string; team_id?: string }) =>
    deps.loadActor({ userId: user.id, teamId: user.team_id });
  const said = (error: unknown) => (isAppError(error) ? error.message : replyForError(error, logger).text);

  async function openChangeForm(client: WebClient, triggerId: string, orderId: number) {
    const order = await findOrder(ctx.db, orderId);
    const content = await loadOrderContent(ctx.db, orderId);
    if (!content) throw new AppError('not_found', 'That order no longer exists.');
    const [customer] = await ctx.db.select().from(customers).where(eq(customers.id, order.customerId));
    const skus = content.lines.map((l) => l.sku);
    const found = skus.length
      ? await ctx.db
          .select({ sku: products.sku, name: products.name })
          .from(products)
          .where(inArray(products.sku, skus))
      : [];
    const view = buildChangeForm({
      id: order.id,
      number: order.number,
      status: order.status,
      content,
      names: new Map(found.map((p) => [p.sku, p.name])),
      paymentMethods: customer?.paymentMethods ?? [],
    });
    await client.views.open({ trigger_id: triggerId, view: asView(view) });
  }

  async function openCancelForm(client: WebClient, triggerId: string, orderId: number, number: string) {
    await client.views.open({
      trigger_id: triggerId,
      view: asView({
        type: 'modal',
        callback_id: cancelFormId,
        title: plain('Cancel order', 24),
        submit: plain('Cancel order', 24),
        close: plain('Keep it', 24),
        private_metadata: String(orderId),
        blocks: [
          section(
            `Cancel *${number}*? In production or later, the departments whose work began approve first.`,
          ),
          {
            type: 'input',
            block_id: 'reason',
            label: plain('Why is it cancelled?'),
            element: { type: 'plain_text_input', action_id: 'reason', multiline: true, max_length: 1000 },
          },
        ],
      }),
    });
  }

  /** The typed change with the catalog's list price on an added line, or the errors to show. */
  async function typedChange(values: Parameters<typeof readChangeForm>[0], metadata: string) {
    const meta = readFormMeta(metadata);
    const base = await loadOrderContent(ctx.db, meta.orderId);
    if (!base) throw new AppError('not_found', 'That order no longer exists.');
    const read = readChangeForm(values, meta, base);
    if (!read.ok) return { meta, errors: read.errors };
    const added = read.input.lines.filter((l) => l.unitPriceCents === null).map((l) => l.sku);
    const listed = added.length
      ? await ctx.db.select().from(products).where(inArray(products.sku, added))
      : [];
    const price = new Map(listed.map((p) => [p.sku, p.listPriceCents]));
    if (added.some((sku) => !price.has(sku)))
      return { meta, errors: { 'add.product': `There is no product ${added.find((s) => !price.has(s))}.` } };
    const lines = read.input.lines.map((l) => ({
      ...l,
      unitPriceCents: l.unitPriceCents ?? price.get(l.sku) ?? 0,
    }));
    const after: OrderContent = {
      deliveryDate: read.input.deliveryDate,
      paymentMethod: read.input.paymentMethod,
      lines: lines.map(({ sku, spec, quantity, unitPriceCents }) => ({
        sku,
        spec,
        quantity,
        unitPriceCents,
      })),
    };
    return { meta, after, lines, reason: read.input.reason };
  }

  return {
    subcommands: [
      {
        name: 'change',
        usage: 'change SO-… (or its last digits)',
        example: '/order change SO-2026-000123',
        summary: 'change an order: the form, its impact, and the departments’ approval',
        async run(req) {
          permit(await req.actor(), 'command:/order change');
          const order = await findOrderByReference(ctx.db, req.args, '/order change');
          await req.acknowledge();
          await openChangeForm(req.client, req.triggerId, order.id);
        },
      },
      {
        name: 'cancel',
        usage: 'cancel SO-… <reason>',
        example: '/order cancel SO-2026-000123 the customer withdrew the order',
        summary: 'cancel an order, with the reason (in production: the departments approve first)',
        async run(req) {
          const actor = await req.actor();
          permit(actor, 'command:/order cancel');
          const [ref = '', ...words] = req.args.trim().split(/\s+/);
          const order = await findOrderByReference(ctx.db, ref, '/order cancel');
          const reason = reasonText.safeParse(words.join(' '));
          if (!reason.success)
            throw new AppError(
              'invalid_input',
              `Say why, e.g. \`/order cancel ${order.number} the customer withdrew\`.`,
            );
          const done = await cancelOrder(ctx, actor, { orderId: order.id, reason: reason.data });
          deps.afterWrite();
          await req.reply({
            text:
              done.outcome === 'cancelled'
                ? `:x: ${order.number} is cancelled.`
                : `:hourglass_flowing_sand: ${order.number}: the cancellation waits for the departments' approval.`,
          });
        },
      },
      {
        name: 'history',
        usage: 'history SO-… (or its last digits)',
        example: '/order history SO-2026-000123',
        summary: 'an order’s revisions and what each changed',
        async run(req) {
          await req.actor();
          const order = await findOrderByReference(ctx.db, req.args, '/order history');
          await req.reply(renderHistory(order, await sentChanges(ctx.db, order.id)));
        },
      },
    ],
    register(router: SlackRouter) {
      router.action<BlockAction<ButtonAction>>(
        orderActions.requestChange,
        cardButton(deps, async ({ action, body, client }) => {
          permit(await actorOf(body.user), 'action:order.request_change');
          await openChangeForm(client, body.trigger_id, versionedRef.parse(action.value).id);
        }),
      );
      router.action<BlockAction<ButtonAction>>(
        orderActions.cancel,
        cardButton(deps, async ({ action, body, client }) => {
          permit(await actorOf(body.user), 'action:order.cancel');
          const order = await findOrder(ctx.db, versionedRef.parse(action.value).id);
          await openCancelForm(client, body.trigger_id, order.id, order.number);
        }),
      );
      router.view<SlackViewAction>(changeFormId, async ({ ack, body, view, client }) => {
        try {
          const actor = await actorOf(body.user);
          permit(actor, 'view:change.form');
          const typed = await typedChange(
            view.state.values as Parameters<typeof readChangeForm>[0],
            view.private_metadata,
          );
          if (!typed.after) {
            await ack({ response_action: 'errors', errors: typed.errors ?? {} });
            return;
          }
          const preview = await previewChange(ctx, actor, {
            orderId: typed.meta.orderId,
            after: typed.after,
            reason: typed.reason,
          });
          const { impact } = preview;
          const errors = impact.findings.filter((f) => f.severity === 'error');
          if (impact.refusal || errors.length) {
            const inline: Record<string, string> = {};
            for (const f of errors) {
              const block = findingBlock(f, typed.lines);
              inline[block] = inline[block] ? `${inline[block]} ${f.message}` : f.message;
            }
            if (impact.refusal) inline.reason = impact.refusal;
            await ack({ response_action: 'errors', errors: inline });
            return;
          }
          const next = buildChangePreview({
            draftId: preview.draftId,
            orderNumber: preview.order.number,
            impact,
          });
          await ack({ response_action: 'update', view: asView(await names.inView(next, client)) });
        } catch (error) {
          await ack({
            response_action: 'errors',
            errors: { reason: await names.inModal(said(error), client) },
          });
        }
      });
      router.view<SlackViewAction>(changeConfirmId, async ({ ack, body, view, client }) => {
        try {
          const draftId = recordIdOf(view.private_metadata);
          const sent = await sendChange(ctx, await actorOf(body.user), draftId);
          if (sent.outcome === 'moved_on') {
            const movedOn =
              `${sent.order.number} changed since your preview (it is ${sent.order.status.replaceAll('_', ' ')} now). ` +
              'This is what your change does to it as it is now: send it again if it still stands.';
            const next = buildChangePreview({
              draftId,
              orderNumber: sent.order.number,
              impact: sent.impact,
              movedOn,
            });
            await ack({ response_action: 'update', view: asView(await names.inView(next, client)) });
            return;
          }
          await ack();
          deps.afterWrite();
        } catch (error) {
          const words = await names.inModal(said(error), client);
          await ack({
            response_action: 'update',
            view: asView({
              type: 'modal',
              callback_id: changeConfirmId,
              title: plain('Change order', 24),
              close: plain('Close', 24),
              private_metadata: view.private_metadata,
              blocks: [section(`:no_entry: ${words}`, 'refused')],
            }),
          });
        }
      });
      router.view<SlackViewAction>(cancelFormId, async ({ ack, body, view, client }) => {
        const read = formReason(view);
        if ('errors' in read) {
          await ack({ response_action: 'errors', errors: read.errors });
          return;
        }
        const { reason } = read;
        try {
          const actor = await actorOf(body.user);
          permit(actor, 'view:cancel.form');
          await cancelOrder(ctx, actor, { orderId: recordIdOf(view.private_metadata), reason });
          await ack();
          deps.afterWrite();
        } catch (error) {
          await ack({
            response_action: 'errors',
            errors: { reason: await names.inModal(said(error), client) },
          });
        }
      });
      router.action<BlockAction<ButtonAction>>(
        changeActions.approve,
        cardButton(deps, async ({ action, body }) => {
          await decideChange(ctx, await actorOf(body.user), {
            ...decisionRef.parse(action.value),
            decision: 'approved',
          });
        }),
      );
      router.action<BlockAction<ButtonAction>>(
        changeActions.reject,
        cardButton(deps, async ({ action, body, client }) => {
          const ref = decisionRef.parse(action.value);
          await checkDecision(ctx, await actorOf(body.user), ref);
          await client.views.open({
            trigger_id: body.trigger_id,
            view: asView({
              type: 'modal',
              callback_id: rejectFormId,
              title: plain('Reject the change', 24),
              submit: plain('Reject', 24),
              close: plain('Cancel', 24),
              private_metadata: action.value ?? '',
              blocks: [
                {
                  type: 'input',
                  block_id: 'reason',
                  label: plain('Why not?'),
                  element: {
                    type: 'plain_text_input',
                    action_id: 'reason',
                    multiline: true,
                    max_length: 1000,
                  },
                  hint: plain('The request ends with this reason; the requester is told.'),
                },
              ],
            }),
          });
        }),
      );
      router.view<SlackViewAction>(rejectFormId, async ({ ack, body, view, client }) => {
        const read = formReason(view);
        if ('errors' in read) {
          await ack({ response_action: 'errors', errors: read.errors });
          return;
        }
        const { reason } = read;
        try {
          await decideChange(ctx, await actorOf(body.user), {
            ...decisionRef.parse(view.private_metadata),
            decision: 'rejected',
            reason,
          });
          await ack();
          deps.afterWrite();
        } catch (error) {
          await ack({
            response_action: 'errors',
            errors: { reason: await names.inModal(said(error), client) },
          });
        }
      });
    },
  };
}
