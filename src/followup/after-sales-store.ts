import { and, eq, isNotNull, ne } from 'drizzle-orm';
import { adminRecipients } from '../admin-recipients.ts';
import type { DbOrTx } from '../db/client.ts';
import { assignments, departments } from '../db/schema.ts';
import { findDepartment } from '../routing/allocation-store.ts';

/** The department that takes up unhappy customers. */
export const afterSalesKey = 'after_sales';

/**
 * Where news of an unhappy customer goes: the after-sales department's channel (or, with no
 * such department or channel, the admins), and the channels of the departments that worked on
 * the order, each once.
 */
export async function afterSalesAudience(
  tx: DbOrTx,
  orderId: number,
  configAdmins: readonly string[],
): Promise<string[]> {
  const afterSales = await findDepartment(tx, afterSalesKey);
  const handled = await tx
    .selectDistinct({ channel: departments.channelId })
    .from(assignments)
    .innerJoin(departments, eq(departments.id, assignments.departmentId))
    .where(
      and(
        eq(assignments.orderId, orderId),
        isNotNull(departments.channelId),
        ne(departments.key, afterSalesKey),
      ),
    );
  const first = afterSales?.channelId ? [afterSales.channelId] : await adminRecipients(tx, configAdmins);
  return [...new Set([...first, ...handled.flatMap((h) => (h.channel ? [h.channel] : []))])];
}

/** Who is given the after-sales task: the department's manager, else its channel, else the admins. */
export async function afterSalesAssignees(tx: DbOrTx, configAdmins: readonly string[]): Promise<string[]> {
  const afterSales = await findDepartment(tx, afterSalesKey);
  if (afterSales?.managerId) return [afterSales.managerId];
  if (afterSales?.channelId) return [afterSales.channelId];
  return adminRecipients(tx, configAdmins);
}
