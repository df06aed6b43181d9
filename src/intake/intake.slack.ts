import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  SlackOptionsMiddlewareArgs,
  ViewResponseAction,
} from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { type ActorPermissionId, mayUse, permit } from '../auth/permissions.ts';
import { asView } from '../blocks/block-kit.ts';
import { noticeModal } from '../blocks/notice-modal.ts';
import { customerViewIds } from '../customer-view/customer-view-ids.ts';
import { customerFields } from '../customers/customer-input.ts';
import { Deadline, DeadlineExceeded, withinDeadline } from '../db/deadline.ts';
import { together } from '../db/together.ts';
import { inputsOf, withSummaryOnTop } from '../slack/error-summary.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import type { ViewSubmitArgs } from '../slack/modal-submit.ts';
import { toldFormDidNotOpen } from '../slack/open-form.ts';
import { replyForError } from '../slack/reply-for-error.ts';
import type { SlackRouter } from '../slack/router.ts';
import { type CommandRequest, type SubcommandTexts, subcommandsOf } from '../slack/subcommand.ts';
import { searchCustomers, searchProducts } from './modal/catalog-search.ts';
import { errorsByBlock } from './modal/finding-blocks.ts';
import { applyModalChange, type ModalChange } from './modal/modal-changes.ts';
import { buildOrderModal, customerOption, productOption } from './modal/order-modal.ts';
import { metaFor, modalContent } from './modal/order-modal-content.ts';
import { orderModal } from './modal/order-modal-ids.ts';
import { readMeta, readOrderDraft, viewStateValues } from './modal/order-modal-state.ts';
import { prefillFromProduct, prefillFromProducts } from './modal/prefill-from-product.ts';
import { parseOneLiner } from './one-liner/one-line-parser.ts';
import { emptyDraft, type OrderDraft } from './order-draft.ts';
import { dropPendingDraft, findPendingDraft, keepForConfirmation } from './review/pending-drafts.ts';
import { reviewDraft } from './review/review-draft.ts';
import { buildStaleConfirmationView, buildWarningsView } from './review/warnings-view.ts';
import { findByIntakeKey, submitOrder } from './submit-order.ts';

/**
 * Slack shows the admin an error when a submission is not answered within 3 seconds, though the
 * order may still be stored: so the answer is given well before (the rest is the answer's way
 * back, and a busy machine), and what is not stored by then never will be.
 */
const submissionBudgetMs = 2200;

const notSavedText =
  ':warning: Not saved: the database did not answer in time, and nothing was stored. Press Submit again.';

/** What a submission answers Slack, and whether it wrote something for the outbox to send. */
interface Answer {
  response?: ViewResponseAction;
  wrote: boolean;
  /** The confirmed draft, dropped once the admin has their answer. */
  draftId?: string;
}

type OptionsArgs = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;

interface EmptyFormArgs {
  ack: () => Promise<void>;
  body: { user: { id: string; team_id?: string }; trigger_id: string };
  client: WebClient;
}

export const intakeCommands = {
  new: {
    usage: 'new [CUSTOMER PO-REF 10 x SKU @price, … due YYYY-MM-DD pay METHOD]',
    example: '/order new ACME PO-77 200 x HB-M8X30-8.8 @0.12, 10 x BRG-6204-2RS due 2026-12-20 pay net30',
    summary: 'enter an order: the form opens (prefilled from the line, if you typed one) for you to check',
  },
} satisfies SubcommandTexts;

/** The intake: `/order new`, the New order shortcut, the order modal and its review. */
export function intakeFeature(deps: FeatureDeps): SlackFeature {
  const { ctx, logger } = deps;

  async function openModal(client: WebClient, triggerId: string, draft: OrderDraft, notUnderstood: string[]) {
    const meta = metaFor(draft.lines.length);
    const view = buildOrderModal(await modalContent(ctx.db, draft, meta, notUnderstood));
    await client.views.open({ trigger_id: triggerId, view: asView(view) });
  }

  async function rebuild(body: BlockAction, client: WebClient, change: ModalChange) {
    const view = body.view;
    if (!view) return;
    const meta = readMeta(view.private_metadata);
    const draft = readOrderDraft(viewStateValues.parse(view.state?.values ?? {}), meta);
    const next = applyModalChange(meta, draft, change);
    const filled =
      next.prefillLine === null ? next.draft : await prefillFromProduct(ctx.db, next.draft, next.prefillLine);
    const content = await modalContent(ctx.db, filled, next.meta);
    await client.views.update({ view_id: view.id, hash: view.hash, view: asView(buildOrderModal(content)) });
  }

  /** Someone who may not create orders is not served the catalog, by search or by a rebuilt form. */
  const mayCreateOrders = (user: { id: string; team_id?: string }, id: ActorPermissionId) =>
    deps
      .loadActor({ userId: user.id, teamId: user.team_id })
      .then((actor) => mayUse(actor, id))
      .catch(() => false);

  const onModalAction =
    (id: ActorPermissionId, change: (body: BlockAction) => ModalChange | null) =>
    async ({ ack, body, client }: { ack: () => Promise<void>; body: BlockAction; client: WebClient }) => {
      await ack();
      const what = change(body);
      if (!what || !(await mayCreateOrders(body.user, id))) return;
      await rebuild(body, client, what).catch((error: unknown) => {
        // A hash_conflict means the admin changed the form meanwhile; their newer view stands.
        logger.warn('order modal was not updated', error);
      });
    };

  /** The form, for an admin, as `draft` fills it; anyone else is told why in a small modal instead. */
  async function openFormFor(
    { ack, body, client }: EmptyFormArgs,
    id: ActorPermissionId,
    draft: () => OrderDraft,
  ) {
    await ack();
    try {
      permit(await deps.loadActor({ userId: body.user.id, teamId: body.user.team_id }), id);
      await openModal(client, body.trigger_id, draft(), []);
    } catch (error) {
      const { text } = replyForError(error, logger);
      await client.views
        .open({ trigger_id: body.trigger_id, view: asView(noticeModal('New order', text)) })
        .catch((e: unknown) => logger.warn('could not show the refusal', e));
    }
  }

  /** `/order new [one line]`: the form, prefilled from the line when there is one. */
  async function newCommand(req: CommandRequest) {
    permit(await req.actor(), 'command:/order new');
    await req.acknowledge();
    const parsed = req.args.trim() ? parseOneLiner(req.args) : { draft: emptyDraft(), notUnderstood: [] };
    try {
      const draft = await prefillFromProducts(ctx.db, parsed.draft);
      await openModal(req.client, req.triggerId, draft, parsed.notUnderstood);
    } catch (error) {
      await toldFormDidNotOpen(error, logger, 'the order form', (text) => req.reply({ text }));
    }
  }

  /** New order, on the App Home or as a shortcut: the empty form. */
  const openEmptyForm = (args: EmptyFormArgs) => openFormFor(args, 'action:home.new_order', emptyDraft);

  /** New order, on the customer view: the form with that customer filled in. */
  const newOrderForCustomer = (args: EmptyFormArgs & { action: ButtonAction }) =>
    openFormFor(args, 'action:customer_view.new_order', () => ({
      ...emptyDraft(),
      customerCode: customerFields.shape.code.parse(args.action.value),
    }));

  /** A suggestion not answered within 3 s shows the admin an error: none beats a late list. */
  const suggestions = <T>(
    user: { id: string; team_id?: string },
    id: ActorPermissionId,
    search: () => Promise<T[]>,
  ) =>
    withinDeadline(Deadline.in(submissionBudgetMs), async () =>
      (await mayCreateOrders(user, id)) ? search() : [],
    ).catch((error: unknown) => {
      logger.warn('no suggestions in time', error);
      return [];
    });

  async function customerSuggestions({ ack, body, options }: OptionsArgs) {
    const found = await suggestions(body.user, 'options:customer', () =>
      searchCustomers(ctx.db, options.value ?? ''),
    );
    await ack({ options: found.map(customerOption) });
  }

  async function productSuggestions({ ack, body, options }: OptionsArgs) {
    const found = await suggestions(body.user, 'options:product', () =>
      searchProducts(ctx.db, options.value ?? ''),
    );
    await ack({ options: found.map(productOption) });
  }

  const customerChosen = onModalAction('action:customer', () => ({ kind: 'customer_chosen' }));
  const productChosen = onModalAction('action:product', (body) => ({
    kind: 'product_chosen',
    blockId: body.actions[0]?.block_id ?? '',
  }));
  const lineAdded = onModalAction('action:order_modal.add_line', () => ({ kind: 'add_line' }));
  const lineRemoved = onModalAction('action:order_modal.remove_line', (body) => {
    const action = body.actions[0];
    const index =
      action && action.type === 'static_select' ? Number(action.selected_option?.value) : Number.NaN;
    return Number.isInteger(index) ? { kind: 'remove_line', index } : null;
  });

  /**
   * The order form submitted: stored, or its findings under the inputs, or its warnings pushed
   * for a second look. Not submitModal's way: the whole answer races a deadline (an order not
   * stored within it never will be, and the admin is told so), and a retry of the same view is
   * answered from the order its first delivery stored.
   */
  async function orderFormSubmitted({ ack, body, view }: ViewSubmitArgs) {
    const deadline = Deadline.in(submissionBudgetMs);
    const answer = await withinDeadline(deadline, async (): Promise<Answer> => {
      const intakeKey = `view:${view.root_view_id ?? view.id}`;
      const [actor, earlier] = await together(
        deps.loadActor({ userId: body.user.id, teamId: body.user.team_id }),
        findByIntakeKey(ctx.db, intakeKey),
      );
      permit(actor, 'view:order_new');
      // A second delivery, or Submit pressed again: answered as the first one was.
      if (earlier) return { wrote: false };
      const meta = readMeta(view.private_metadata);
      const draft = readOrderDraft(viewStateValues.parse(view.state.values), meta);
      const outcome = await reviewDraft(ctx, ctx.db, draft);
      if (!outcome.ok) {
        return {
          response: {
            response_action: 'errors',
            errors: withSummaryOnTop(errorsByBlock(outcome.findings, meta), inputsOf(view)),
          },
          wrote: false,
        };
      }
      if (outcome.warnings.length) {
        const id = await keepForConfirmation(ctx, actor.userId, intakeKey, draft);
        return {
          response: { response_action: 'push', view: asView(buildWarningsView(id, outcome.warnings)) },
          wrote: false,
        };
      }
      await submitOrder(ctx, actor, {
        order: outcome.order,
        catalog: outcome.catalog,
        warnings: [],
        intakeKey,
        deadline,
      });
      return { wrote: true };
    }).catch(
      (error: unknown): Answer => ({
        response: { response_action: 'errors', errors: { customer: errorText(error) } },
        wrote: false,
      }),
    );
    await ack(answer.response);
    if (answer.wrote) deps.afterWrite();
  }

  /** Place it anyway, on the warnings: the kept draft reviewed again and stored (the same deadline as above). */
  async function warningsConfirmed({ ack, body, view }: ViewSubmitArgs) {
    const deadline = Deadline.in(submissionBudgetMs);
    const notPlaced = (problems: string[]): Answer => ({
      response: { response_action: 'update', view: asView(buildStaleConfirmationView(problems)) },
      wrote: false,
    });
    const answer = await withinDeadline(deadline, async (): Promise<Answer> => {
      const actor = await deps.loadActor({ userId: body.user.id, teamId: body.user.team_id });
      const pending = await findPendingDraft(ctx, view.private_metadata, actor.userId);
      if (!pending) return notPlaced(['this form has expired']);
      const outcome = await reviewDraft(ctx, ctx.db, pending.draft);
      if (!outcome.ok) {
        return notPlaced(outcome.findings.filter((f) => f.severity === 'error').map((f) => f.message));
      }
      await submitOrder(ctx, actor, {
        order: outcome.order,
        catalog: outcome.catalog,
        warnings: outcome.warnings,
        intakeKey: pending.intakeKey,
        deadline,
      });
      return { response: { response_action: 'clear' }, wrote: true, draftId: pending.id };
    }).catch((error: unknown) => notPlaced([errorText(error)]));
    await ack(answer.response);
    if (!answer.wrote) return;
    deps.afterWrite();
    // After the answer: the order is saved, and a slow delete must not make it look unsaved.
    if (answer.draftId) {
      await dropPendingDraft(ctx, answer.draftId).catch((error: unknown) =>
        logger.warn('a confirmed draft was not dropped', error),
      );
    }
  }

  return {
    subcommands: subcommandsOf(intakeCommands, { new: newCommand }),
    register(router: SlackRouter) {
      router.action(orderModal.homeButton, openEmptyForm);
      router.shortcut(orderModal.shortcutId, openEmptyForm);
      router.action<BlockAction<ButtonAction>>(customerViewIds.newOrder, newOrderForCustomer);
      router.options(orderModal.customer, customerSuggestions);
      router.options(orderModal.product, productSuggestions);
      router.action(orderModal.customer, customerChosen);
      router.action(orderModal.product, productChosen);
      router.action(orderModal.addLine, lineAdded);
      router.action(orderModal.removeLine, lineRemoved);
      router.view(orderModal.callbackId, orderFormSubmitted);
      router.view(orderModal.confirmCallbackId, warningsConfirmed);
    },
  };

  function errorText(error: unknown): string {
    return error instanceof DeadlineExceeded ? notSavedText : replyForError(error, logger).text;
  }
}
