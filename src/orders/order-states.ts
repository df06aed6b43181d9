/**
 * The order state machine (docs/architecture.md, "The order"). Pure: the table below is the
 * only place that says which move is allowed from where.
 */
export const orderStatuses = [
  'received',
  'confirmed',
  'allocated',
  'in_production',
  'ready',
  'shipped',
  'delivered',
  'completed',
  'on_hold',
  'cancelled',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const orderActions = [
  'confirm',
  'hold',
  'release',
  'allocate',
  'start_production',
  'finish_production',
  'ship',
  'deliver',
  'complete',
  'cancel',
] as const;
export type OrderAction = (typeof orderActions)[number];

/** States in which work is still ahead and nothing has left the building. */
const active: readonly OrderStatus[] = ['received', 'confirmed', 'allocated', 'in_production', 'ready'];

const moves: Record<Exclude<OrderAction, 'release'>, { from: readonly OrderStatus[]; to: OrderStatus }> = {
  confirm: { from: ['received'], to: 'confirmed' },
  hold: { from: active, to: 'on_hold' },
  allocate: { from: ['confirmed'], to: 'allocated' },
  start_production: { from: ['allocated'], to: 'in_production' },
  finish_production: { from: ['in_production'], to: 'ready' },
  ship: { from: ['ready'], to: 'shipped' },
  deliver: { from: ['shipped'], to: 'delivered' },
  complete: { from: ['delivered'], to: 'completed' },
  cancel: { from: [...active, 'on_hold'], to: 'cancelled' },
};

const actionWords: Record<OrderAction, string> = {
  confirm: 'confirm',
  hold: 'put on hold',
  release: 'release the hold',
  allocate: 'allocate',
  start_production: 'start production',
  finish_production: 'finish production',
  ship: 'ship',
  deliver: 'mark delivered',
  complete: 'complete',
  cancel: 'cancel',
};

export const statusWords: Record<OrderStatus, string> = {
  received: 'received',
  confirmed: 'confirmed',
  allocated: 'allocated',
  in_production: 'in production',
  ready: 'ready to ship',
  shipped: 'shipped',
  delivered: 'delivered',
  completed: 'completed',
  on_hold: 'on hold',
  cancelled: 'cancelled',
};

export type Transition = { ok: true; to: OrderStatus } | { ok: false; message: string };

/**
 * Where `action` takes an order in `from`. A hold remembers the state it came from
 * (`statusBeforeHold`); releasing returns there.
 */
export function transition(
  from: OrderStatus,
  action: OrderAction,
  statusBeforeHold?: OrderStatus | null,
): Transition {
  const to = destination(from, action, statusBeforeHold);
  return to ? { ok: true, to } : refuse(from, action, statusBeforeHold);
}

/** The actions allowed from a state, in the order a person would take them. */
export function allowedActions(from: OrderStatus, statusBeforeHold?: OrderStatus | null): OrderAction[] {
  return orderActions.filter((action) => destination(from, action, statusBeforeHold) !== null);
}

function destination(from: OrderStatus, action: OrderAction, statusBeforeHold?: OrderStatus | null) {
  if (action === 'release') return from === 'on_hold' && statusBeforeHold ? statusBeforeHold : null;
  const move = moves[action];
  return move.from.includes(from) ? move.to : null;
}

function refuse(from: OrderStatus, action: OrderAction, statusBeforeHold?: OrderStatus | null): Transition {
  const possible = allowedActions(from, statusBeforeHold).map((a) => actionWords[a]);
  const next = possible.length
    ? `From here you can: ${possible.join(', ')}.`
    : 'Nothing more can happen to it.';
  return {
    ok: false,
    message: `The order is ${statusWords[from]}, so you can't ${actionWords[action]} it. ${next}`,
  };
}

/** A status in words; a value this version does not know is shown as stored rather than hidden. */
export function describeStatus(value: string): string {
  return isOrderStatus(value) ? statusWords[value] : value;
}

export function isOrderStatus(value: string): value is OrderStatus {
  return (orderStatuses as readonly string[]).includes(value);
}
