/** The buttons on the order's own card (its owner's DM) and under `/order show`. */
export const orderActions = { requestChange: 'order.request_change', cancel: 'order.cancel' } as const;

const noChange = ['completed', 'cancelled'];
const noCancel = ['shipped', 'delivered', 'completed', 'cancelled'];

/** Request change and Cancel order, while the order's state allows them; they carry `id:version`. */
export function orderButtons(order: {
  id: number;
  version: number;
  status: string;
}): Record<string, unknown>[] {
  const value = `${order.id}:${order.version}`;
  const button = (actionId: string, text: string) => ({
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text },
    value,
  });
  return [
    ...(noChange.includes(order.status) ? [] : [button(orderActions.requestChange, 'Request change…')]),
    ...(noCancel.includes(order.status) ? [] : [button(orderActions.cancel, 'Cancel order…')]),
  ];
}
