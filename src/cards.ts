import { eq } from 'drizzle-orm';
import { type RouteStepView, routeLine, stepButtons } from './allocation/route-view.ts';
import { shipmentLine } from './allocation/steps/shipment-line.ts';
import { channelShowsPrices } from './auth/price-visibility.ts';
import { renderCurrentChangeCard } from './changes/change-card.ts';
import { renderCurrentHoldCard } from './credit/current-hold-card.ts';
import type { Db } from './db/client.ts';
import { shipments } from './db/schema.ts';
import { renderCurrentProblemsCard } from './exceptions/current-problems-card.ts';
import { failedStepsOf } from './exceptions/exception-store.ts';
import { orderButtons } from './orders/order-buttons.ts';
import { renderOrderCard } from './orders/order-card.ts';
import { changeNotice } from './orders/order-change-notice.ts';
import { loadOrderSnapshot } from './orders/order-snapshot.ts';
import type { CardKind, SlackMessage } from './outbox/effects.ts';
import { routeOf } from './routing/allocation-store.ts';
import { capacityRiskLine } from './routing/capacity-view.ts';

/** Every kind of card the outbox can show, rendered from the order as it is at sending time. */
export function renderCard(
  db: Db,
  orderId: number,
  card: CardKind,
  channel: string,
): Promise<SlackMessage | null> {
  if (card === 'credit_hold') return renderCurrentHoldCard(db, orderId);
  if (card === 'exception') return renderCurrentProblemsCard(db, orderId);
  if (card === 'change') return renderCurrentChangeCard(db, orderId, channel);
  return renderCurrentOrderCard(db, orderId, channel);
}

/** The order card for one channel: its route, and the buttons for that channel's department. */
async function renderCurrentOrderCard(
  db: Db,
  orderId: number,
  channel: string,
): Promise<SlackMessage | null> {
  const order = await loadOrderSnapshot(db, orderId);
  if (!order) return null;
  const [steps, failed] = await Promise.all([routeOf(db, orderId), failedStepsOf(db, orderId)]);
  const route: RouteStepView[] = steps.map(({ assignment, department }) => ({
    assignmentId: assignment.id,
    step: assignment.step,
    departmentKey: department.key,
    departmentName: department.name,
    channelId: department.channelId,
    assigneeId: assignment.assigneeId,
    status: assignment.status,
    progress: assignment.progress,
    note: assignment.note,
    failed: failed.has(assignment.id),
  }));
  const [shipment] = await db.select().from(shipments).where(eq(shipments.orderId, orderId));
  const shipping = shipment ? { shipping: shipmentLine(shipment, order.deliveryDate) } : {};
  // The owner's own card (their DM) carries Request change and Cancel order.
  const own = channel === order.ownerId ? orderButtons(order) : [];
  const notice = await changeNotice(db, order);
  if (!route.length) return renderOrderCard(order, { ...shipping, buttons: own, notice });
  const risk = capacityRiskLine(
    steps.map(({ assignment, department }) => ({ ...assignment, departmentName: department.name })),
    order.deliveryDate,
  );
  const inChannelOf = route.find((s) => s.channelId === channel)?.departmentKey ?? null;
  return renderOrderCard(order, {
    prices: channelShowsPrices(inChannelOf),
    route: risk ? `${routeLine(route)}\n:warning: ${risk}` : routeLine(route),
    buttons: [...stepButtons(route, channel, order), ...own],
    notice,
    ...shipping,
  });
}
