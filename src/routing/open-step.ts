import { eq } from 'drizzle-orm';
import { adminRecipients } from '../admin-recipients.ts';
import { escapeMrkdwn, mention } from '../blocks/block-kit.ts';
import type { DbOrTx } from '../db/client.ts';
import { assignments } from '../db/schema.ts';
import { together } from '../db/together.ts';
import { showOrderCard } from '../orders/order-cards.ts';
import { refreshOrderHomes } from '../orders/order-homes.ts';
import type { OrderRow } from '../orders/order-store.ts';
import { enqueue, textMessage } from '../outbox/enqueue.ts';
import { possessive } from '../wording.ts';
import { type Candidate, pickPerson, type RouteStep } from './allocation-rules.ts';
import { type AssignmentRow, type DepartmentRow, pickingData } from './allocation-store.ts';

/**
 * Hands a step to its department: someone is picked by the strategy its rule gave the step (or nobody, and it
 * waits in the department's queue), and the order's card goes to the department's channel. The
 * order's owner hears of anything that keeps the step from being seen; when nobody can take the
 * step, the admins (on record, and `configAdmins` from ORDERDESK_ADMINS) hear of it too.
 */
export async function openStep(
  tx: DbOrTx,
  now: Date,
  order: OrderRow,
  assignment: AssignmentRow,
  department: DepartmentRow,
  configAdmins: readonly string[] = [],
): Promise<void> {
  const pick = pickFor(assignment, department, await pickingData(tx, department.id, assignment.pick));
  await tx
    .update(assignments)
    .set({ status: 'open', assigneeId: pick.assignee, openedAt: now })
    .where(eq(assignments.id, assignment.id));
  // The card (or the Homes) is seen first; then the notes when nobody could be picked.
  await showStep(tx, now, order, department);
  await warnIfNobody(tx, now, order, assignment, department, pick, configAdmins);
}

/** Who a step goes to, and whom the department had to choose from. */
export interface StepPick {
  routeStep: RouteStep;
  candidates: readonly Candidate[];
  assignee: string | null;
}

/** Picks the person for a step of a department from what pickingData read. */
export function pickFor(
  step: Pick<AssignmentRow, 'pick' | 'fixedPersonId'>,
  department: DepartmentRow,
  { candidates, lastAssigned }: Awaited<ReturnType<typeof pickingData>>,
): StepPick {
  const routeStep: RouteStep = {
    department: department.key,
    pick: step.pick,
    personId: step.fixedPersonId ?? undefined,
  };
  return { routeStep, candidates, assignee: pickPerson(routeStep, candidates, lastAssigned) };
}

/**
 * The order's card in the department's channel, or, with no channel, the Homes it concerns and
 * a note to the owner. Reads the order's steps (for the Homes), so it is sent after they are
 * written; it needs nothing they return.
 */
export async function showStep(
  tx: DbOrTx,
  now: Date,
  order: Pick<OrderRow, 'id' | 'version' | 'number' | 'ownerId'>,
  department: DepartmentRow,
): Promise<void> {
  if (department.channelId) return showOrderCard(tx, now, order, department.channelId);
  await together(
    refreshOrderHomes(tx, now, order),
    tellOwner(
      tx,
      now,
      order,
      `no-channel:${department.id}`,
      `${order.number} went to ${escapeMrkdwn(department.name)}, which has no Slack channel yet.`,
    ),
  );
}

/** When nobody could be given the step, the owner and the admins hear why. */
export async function warnIfNobody(
  tx: DbOrTx,
  now: Date,
  order: OrderRow,
  assignment: AssignmentRow,
  department: DepartmentRow,
  { routeStep, candidates, assignee }: StepPick,
  configAdmins: readonly string[],
): Promise<void> {
  if (assignee) return;
  const name = escapeMrkdwn(department.name);
  const text = `${order.number} waits unassigned in ${possessive(name)} queue: ${whyNobody(routeStep, candidates)}.`;
  await tellOwner(tx, now, order, `unassigned:${department.id}`, text);
  const what = `${text} Give it to someone there with Reassign on its card, or add people to ${name}.`;
  await tellAdmins(tx, now, order, assignment, configAdmins, what);
}

/** Why a department has nobody to take a step, in words for the admins. */
export function whyNobody(step: RouteStep, candidates: readonly Candidate[]): string {
  if (!candidates.length) return 'it has no members yet';
  if (candidates.every((c) => c.away)) return 'everyone there is away';
  if (step.pick === 'fixed') {
    return step.personId
      ? `its rule names ${mention(step.personId)}, who is away or not a member`
      : 'its rule names no person to give it to';
  }
  return 'nobody there is available';
}

/**
 * Each admin hears once per step. The owner was told already, so an admin who owns the order
 * gets no second message.
 */
async function tellAdmins(
  tx: DbOrTx,
  now: Date,
  order: OrderRow,
  assignment: AssignmentRow,
  configAdmins: readonly string[],
  text: string,
): Promise<void> {
  const admins = new Set(await adminRecipients(tx, configAdmins));
  admins.delete(order.ownerId);
  await enqueue(
    tx,
    now,
    [...admins].map((admin) =>
      textMessage(`allocation:unassigned-admin:${assignment.id}:${admin}`, admin, `:warning: ${text}`),
    ),
  );
}

/** A note for the order's owner (the admin who entered it). */
export async function tellOwner(
  tx: DbOrTx,
  now: Date,
  order: Pick<OrderRow, 'id' | 'version' | 'ownerId'>,
  what: string,
  text: string,
): Promise<void> {
  await enqueue(tx, now, [
    textMessage(`allocation:${what}:${order.id}:v${order.version}`, order.ownerId, `:warning: ${text}`),
  ]);
}
