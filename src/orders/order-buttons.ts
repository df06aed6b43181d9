/** The buttons on the order's own card (its owner's DM) and under `/order show`. */
export const orderActions = {
  requestChange: 'order.request_change',
  cancel: 'order.cancel',
  hold: 'order.hold',
  release: 'order.release',
} as const;

const noChange = ['completed', 'cancelled'];
const noCancel = ['shipped', 'delivered', 'completed', 'cancelled'];
/** States a hold can be put on from (order-states.ts). */
const holdable = ['received', 'confirmed', 'allocated', 'in_production', 'ready'];
/** Holds released by hand; a credit hold is finance's decision, a problem's hold ends with the problem. */
const releasedByHand = ['manual', 'customer'];

/**
 * Request change, Cancel order, and Hold or Release, while the order's state allows them; they
 * carry `id:version`, so a press on an older card is recognised.
 */
export function orderButtons(order: {
  id: number;
  version: number;
  status: string;
  hold: { kind: string } | null;
}): Record<string, unknown>[] {
  const value = `${order.id}:${order.version}`;
  const button = (actionId: string, text: string) => ({
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text },
    value,
  });
  const releasable = order.status === 'on_hold' && releasedByHand.includes(order.hold?.kind ?? '');
  return [
    ...(noChange.includes(order.status) ? [] : [button(orderActions.requestChange, 'Request change…')]),
    ...(noCancel.includes(order.status) ? [] : [button(orderActions.cancel, 'Cancel order…')]),
    ...(holdable.includes(order.status) ? [button(orderActions.hold, 'Hold…')] : []),
    ...(releasable ? [button(orderActions.release, 'Release hold')] : []),
  ];
}
