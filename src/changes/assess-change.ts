import { eq, inArray } from 'drizzle-orm';
import { calendarDate } from '../calendar.ts';
import type { UseCaseContext } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { customers, products } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { CatalogProduct } from '../intake/review/review-rules.ts';
import { customerCredit } from '../orders/customer-credit.ts';
import type { OrderRow } from '../orders/order-store.ts';
import { findDepartment, routeOf } from '../routing/allocation-store.ts';
import { departmentLoad } from '../routing/capacity-store.ts';
import { assessChange, type ChangeImpact } from './change-impact.ts';
import { loadOrderContent } from './change-store.ts';
import type { OrderContent } from './order-content.ts';

export interface Assessed {
  before: OrderContent;
  impact: ChangeImpact;
}

/**
 * Looks up what the impact assessment needs (the order as it is, its customer's credit, the
 * catalog, each department's load without this order) and assesses `after` against it.
 */
export async function assessAgainst(
  ctx: UseCaseContext,
  tx: DbOrTx,
  order: OrderRow,
  after: OrderContent,
): Promise<Assessed> {
  const before = await loadOrderContent(tx, order.id);
  const [customer] = await tx.select().from(customers).where(eq(customers.id, order.customerId));
  if (!before || !customer) throw new AppError('not_found', `${order.number} no longer exists.`);
  const skus = [...new Set(after.lines.map((l) => l.sku))];
  const found = skus.length ? await tx.select().from(products).where(inArray(products.sku, skus)) : [];
  const route = await routeOf(tx, order.id);
  const steps = [];
  for (const { assignment, department } of route) {
    steps.push({
      departmentId: department.id,
      departmentKey: department.key,
      departmentName: department.name,
      status: assignment.status,
      progress: assignment.progress,
      dailyCapacity: department.dailyCapacity,
      capacityUnit: department.capacityUnit,
      load:
        department.dailyCapacity > 0
          ? await departmentLoad(tx, department.id, department.capacityUnit, order.id)
          : [],
    });
  }
  const finance = await findDepartment(tx, 'finance');
  const impact = assessChange({
    orderNumber: order.number,
    status: order.status,
    statusBeforeHold: order.statusBeforeHold,
    before,
    after,
    today: calendarDate(ctx.clock.now(), ctx.timeZone),
    review: {
      customerCode: customer.code,
      customer: { code: customer.code, name: customer.name, paymentMethods: customer.paymentMethods },
      products: new Map(found.map((p) => [p.sku.toUpperCase(), p as CatalogProduct])),
      policy: ctx.pricePolicy,
      deliveryHorizonDays: ctx.deliveryHorizonDays,
    },
    credit: await customerCredit(tx, customer.id, { exceptOrderId: order.id }),
    steps,
    finance: finance ? { departmentId: finance.id, name: finance.name } : null,
  });
  return { before, impact };
}
