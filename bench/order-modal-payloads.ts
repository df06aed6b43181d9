import { paymentMethods } from '../src/customers/payment-methods.ts';
import {
  buildOrderModal,
  customerOption,
  type OrderModalContent,
  productOption,
} from '../src/intake/modal/order-modal.ts';
import { metaFor } from '../src/intake/modal/order-modal-content.ts';
import { lineBlockId, orderModal } from '../src/intake/modal/order-modal-ids.ts';
import type { OrderDraft } from '../src/intake/order-draft.ts';
import type { Json } from '../src/sandbox/fake-slack/index.ts';
import { buildState, type StateInput } from '../src/sandbox/view-state.ts';
import { BENCH_TEAM_ID, type ViewJson } from './signed-request.ts';

/**
 * The order modal as Slack sends it back to the bot: the view orderdesk built (src/intake's own
 * buildOrderModal), with Slack's fields around it and `state.values` in Slack's shape (built by
 * the sandbox's view-state, as the tests do).
 */
function asSlackView(id: string, modal: Record<string, unknown>, input: StateInput): ViewJson {
  const blocks = modal.blocks as Json[];
  return {
    id,
    team_id: BENCH_TEAM_ID,
    type: 'modal',
    title: modal.title,
    submit: modal.submit,
    close: modal.close,
    blocks,
    private_metadata: modal.private_metadata,
    callback_id: modal.callback_id,
    state: { values: buildState(blocks, {}, input) },
    hash: '1764201600.bench000',
    clear_on_close: false,
    notify_on_close: false,
    previous_view_id: null,
    root_view_id: id,
    app_id: 'A0BENCH',
    external_id: '',
    app_installed_team_id: BENCH_TEAM_ID,
    bot_id: 'B0BENCH',
  };
}

export interface OneLineOrder {
  customer: { code: string; name: string; paymentMethod: string };
  product: { sku: string; name: string };
  quantity: number;
  spec: string;
  /** YYYY-MM-DD */
  deliveryDate: string;
}

/**
 * A complete one-line order in the modal, ready to submit: customer and product chosen (so the
 * bot has redrawn the modal with them), delivery date, payment method, quantity and spec typed,
 * unit price left blank (the list price). private_metadata is `{"lines":["0"],"next":1,"revs":{}}`.
 * `viewId` is the id Slack gave the modal; a placeholder the signer replaces per request fits.
 */
export function submittedOrderView(viewId: string, order: OneLineOrder): ViewJson {
  const draft: OrderDraft = {
    customerCode: order.customer.code,
    customerPo: null,
    deliveryDate: null,
    paymentMethod: null,
    notes: null,
    lines: [{ sku: order.product.sku, spec: null, quantity: null, unitPrice: null }],
  };
  const content: OrderModalContent = {
    meta: metaFor(1),
    draft,
    customer: order.customer,
    products: new Map([[order.product.sku.toUpperCase(), order.product]]),
    paymentOptions: [order.customer.paymentMethod],
    notUnderstood: [],
  };
  return asSlackView(viewId, buildOrderModal(content), {
    // The options as the bot offered them in its block_suggestion answers.
    customer: {
      [orderModal.customer]: { type: 'external_select', selected_option: customerOption(order.customer) },
    },
    delivery_date: { delivery_date: order.deliveryDate },
    payment_method: { payment_method: order.customer.paymentMethod },
    [lineBlockId('0', 'product')]: {
      [orderModal.product]: { type: 'external_select', selected_option: productOption(order.product) },
    },
    [lineBlockId('0', 'spec')]: { spec: order.spec },
    [lineBlockId('0', 'quantity')]: { quantity: String(order.quantity) },
  });
}

/** The modal `/order new` opens, empty: where the admin types into the customer search. */
export function emptyOrderView(viewId: string): ViewJson {
  const content: OrderModalContent = {
    meta: metaFor(1),
    draft: {
      customerCode: null,
      customerPo: null,
      deliveryDate: null,
      paymentMethod: null,
      notes: null,
      lines: [{ sku: null, spec: null, quantity: null, unitPrice: null }],
    },
    customer: null,
    products: new Map(),
    paymentOptions: paymentMethods,
    notUnderstood: [],
  };
  return asSlackView(viewId, buildOrderModal(content), {});
}
