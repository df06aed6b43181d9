import type { WebClient } from '@slack/web-api';
import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { permit } from '../auth/permissions.ts';
import { asView, plain, section } from '../blocks/block-kit.ts';
import { readReason, reasonModal } from '../blocks/reason-modal.ts';
import { customers, products } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { orderActions } from '../orders/order-buttons.ts';
import { findOrderByReference } from '../orders/order-reference.ts';
import { findOrder } from '../orders/order-store.ts';
import { type ButtonArgs, cardButton, versionedRef } from '../slack/card-button.ts';
import { registerDecisionButtons } from '../slack/decision-buttons.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { featureKit } from '../slack/feature-kit.ts';
import { submitModal, unreadableForm, type ViewSubmitArgs } from '../slack/modal-submit.ts';
import type { SlackRouter } from '../slack/router.ts';
import { type CommandRequest, type SubcommandTexts, subcommandsOf } from '../slack/subcommand.ts';
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
/** A cancel or reject form's required reason. */
const reasonText = z.string().trim().min(1, 'Say why.').max(1000, 'At most 1000 characters.');

export const changesCommands = {
  change: {
    usage: 'change SO-… (or its last digits)',
    example: '/order change SO-2026-000123',
    summary: 'change an order: the form, its impact, and the departments’ approval',
  },
  cancel: {
    usage: 'cancel SO-… <reason>',
    example: '/order cancel SO-2026-000123 the customer withdrew the order',
    summary: 'cancel an order, with the reason (in production: the departments approve first)',
  },
  history: {
    usage: 'history SO-… (or its last digits)',
    example: '/order history SO-2026-000123',
    summary: 'an order’s revisions and what each changed',
  },
} satisfies SubcommandTexts;

/**
 * Change requests and cancellation (issue 13, points 1–4): `/order change`, `/order cancel`,
 * `/order history`; Request change and Cancel order on the owner's card and under `/order show`;
 * the change form with its preview; Approve and Reject on the departments' change cards.
 */
export function changesFeature(deps: FeatureDeps): SlackFeature {
  const { ctx } = deps;
  const kit = featureKit(deps);
  const { actorOf, modal } = kit;

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
    const view = reasonModal({
      callbackId: cancelFormId,
      title: 'Cancel order',
      submit: 'Cancel order',
      close: 'Keep it',
      ref: String(orderId),
      intro: `Cancel *${number}*? In production or later, the departments whose work began approve first.`,
      label: 'Why is it cancelled?',
      maxLength: 1000,
    });
    await client.views.open({ trigger_id: triggerId, view: asView(view) });
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

  /** `/order change SO-…`: the change form. */
  async function changeCommand(req: CommandRequest) {
    permit(await req.actor(), 'command:/order change');
    const order = await findOrderByReference(ctx.db, req.args, '/order change');
    await req.acknowledge();
    await openChangeForm(req.client, req.triggerId, order.id);
  }

  /** `/order cancel SO-… <reason>`: cancelled now, or once the departments approve. */
  async function cancelCommand(req: CommandRequest) {
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
  }

  /** `/order history SO-…`: the order's revisions. */
  async function historyCommand(req: CommandRequest) {
    await req.actor();
    const order = await findOrderByReference(ctx.db, req.args, '/order history');
    await req.reply(renderHistory(order, await sentChanges(ctx.db, order.id)));
  }

  async function requestChangePressed({ action, body, client }: ButtonArgs) {
    permit(await actorOf(body.user), 'action:order.request_change');
    await openChangeForm(client, body.trigger_id, versionedRef.parse(action.value).id);
  }

  async function cancelPressed({ action, body, client }: ButtonArgs) {
    permit(await actorOf(body.user), 'action:order.cancel');
    const order = await findOrder(ctx.db, versionedRef.parse(action.value).id);
    await openCancelForm(client, body.trigger_id, order.id, order.number);
  }

  /** The change form: its impact in a preview, or what stands in its way under the inputs. */
  async function changeFormSubmitted(args: ViewSubmitArgs) {
    const { body, view } = args;
    await submitModal(args, modal, {
      // Who may change orders is asked before the form is read, as `/order change` does.
      async read() {
        const actor = await actorOf(body.user);
        permit(actor, 'view:change.form');
        const typed = await typedChange(
          view.state.values as Parameters<typeof readChangeForm>[0],
          view.private_metadata,
        );
        return typed.after
          ? { ok: true, input: { ...typed, actor, after: typed.after } }
          : { ok: false, errors: typed.errors ?? {} };
      },
      async run({ actor, meta, after, lines, reason }) {
        const preview = await previewChange(ctx, actor, { orderId: meta.orderId, after, reason });
        const { impact } = preview;
        const errors = impact.findings.filter((f) => f.severity === 'error');
        if (impact.refusal || errors.length) {
          const inline: Record<string, string> = {};
          for (const f of errors) {
            const block = findingBlock(f, lines);
            inline[block] = inline[block] ? `${inline[block]} ${f.message}` : f.message;
          }
          if (impact.refusal) inline.reason = impact.refusal;
          return { response_action: 'errors', errors: inline };
        }
        const next = buildChangePreview({
          draftId: preview.draftId,
          orderNumber: preview.order.number,
          impact,
        });
        return { response_action: 'update', view: asView(next) };
      },
      refused: { under: 'reason' },
    });
  }

  /** Send, on the preview: the change goes to the departments, or the preview is drawn again if the order moved on. */
  async function changePreviewConfirmed(args: ViewSubmitArgs) {
    const { body, view } = args;
    await submitModal(args, modal, {
      read: () => ({ ok: true, input: recordIdOf(view.private_metadata) }),
      async run(draftId) {
        const sent = await sendChange(ctx, await actorOf(body.user), draftId);
        if (sent.outcome !== 'moved_on') return;
        const movedOn =
          `${sent.order.number} changed since your preview (it is ${sent.order.status.replaceAll('_', ' ')} now). ` +
          'This is what your change does to it as it is now: send it again if it still stands.';
        const next = buildChangePreview({
          draftId,
          orderNumber: sent.order.number,
          impact: sent.impact,
          movedOn,
        });
        return { response_action: 'update', view: asView(next) };
      },
      // The preview has no input to show a refusal under: it takes the preview's place.
      refused: {
        view: (words) => ({
          type: 'modal',
          callback_id: changeConfirmId,
          title: plain('Change order', 24),
          close: plain('Close', 24),
          private_metadata: view.private_metadata,
          blocks: [section(`:no_entry: ${words}`, 'refused')],
        }),
      },
    });
  }

  async function cancelFormSubmitted(args: ViewSubmitArgs) {
    await kit.submitAs(args, 'view:cancel.form', {
      read: () => readReason(args.view.state.values, reasonText),
      run: async (actor, reason) => {
        await cancelOrder(ctx, actor, { orderId: recordIdOf(args.view.private_metadata), reason });
      },
      refused: { under: 'reason' },
    });
  }

  return {
    subcommands: subcommandsOf(changesCommands, {
      change: changeCommand,
      cancel: cancelCommand,
      history: historyCommand,
    }),
    register(router: SlackRouter) {
      router.action(orderActions.requestChange, cardButton(deps, requestChangePressed));
      router.action(orderActions.cancel, cardButton(deps, cancelPressed));
      router.view(changeFormId, changeFormSubmitted);
      router.view(changeConfirmId, changePreviewConfirmed);
      router.view(cancelFormId, cancelFormSubmitted);
      registerDecisionButtons(router, deps, kit, {
        actions: changeActions,
        ref: decisionRef,
        approve: (actor, ref) => decideChange(ctx, actor, { ...ref, decision: 'approved' }),
        mayReject: (actor, ref) => checkDecision(ctx, actor, ref),
        reject: (actor, ref, reason) => decideChange(ctx, actor, { ...ref, decision: 'rejected', reason }),
        modal: {
          callbackId: 'change.reject_reason',
          title: 'Reject the change',
          submit: 'Reject',
          close: 'Cancel',
          label: 'Why not?',
          hint: 'The request ends with this reason; the requester is told.',
          maxLength: 1000,
        },
        reason: reasonText,
      });
    },
  };
}
