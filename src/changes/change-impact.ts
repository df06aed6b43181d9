import { type CreditFigures, type CreditVerdict, checkCredit } from '../credit/credit-check.ts';
import { type Finding, type ReviewInput, reviewOrder } from '../intake/review/review-rules.ts';
import { formatCents } from '../money.ts';
import { describeStatus } from '../orders/order-states.ts';
import { type DueLoad, earliestFit } from '../routing/capacity.ts';
import { diffContent, type FieldChange, touchesDate, touchesWork } from './change-diff.ts';
import { contentTotalCents, contentUnits, type OrderContent } from './order-content.ts';

type StepStatus = 'pending' | 'open' | 'accepted' | 'started' | 'done' | 'cancelled';

/** A department's step on the order's route, with what its capacity check needs. */
export interface ImpactStep {
  departmentId: number;
  departmentKey: string;
  departmentName: string;
  status: StepStatus;
  progress: number;
  /** Per day; 0 or less: no limit set. */
  dailyCapacity: number;
  capacityUnit: 'orders' | 'units';
  /** The department's other work still to do, this order's not included. */
  load: readonly DueLoad[];
}

export interface ChangeImpactInput {
  orderNumber: string;
  status: string;
  statusBeforeHold: string | null;
  before: OrderContent;
  after: OrderContent;
  /** The business date today, YYYY-MM-DD. */
  today: string;
  /** What the intake review needs besides the draft: the customer, the catalog, the policy. */
  review: Omit<ReviewInput, 'draft' | 'today' | 'poUsedBy'> & { customerCode: string };
  /** The customer's credit, this order not counted among its open orders. */
  credit: Omit<CreditFigures, 'orderCents'>;
  steps: readonly ImpactStep[];
  finance: { departmentId: number; name: string } | null;
}

export interface DepartmentImpact {
  departmentId: number;
  key: string;
  name: string;
  /** Why its work is affected; null when it is not. */
  affected: string | null;
  /** The earliest date its capacity fits the order when that is after the (new) delivery date. */
  fitsOn: string | null;
}

export interface Approver {
  departmentId: number;
  name: string;
  why: string;
}

export interface ChangeImpact {
  /** Why the change cannot be made at all in the order's state; null when it can. */
  refusal: string | null;
  diff: FieldChange[];
  beforeCents: number;
  afterCents: number;
  differenceCents: number;
  /** The intake review of the changed order: errors keep it from being sent. */
  findings: Finding[];
  credit: CreditVerdict;
  departments: DepartmentImpact[];
  /** Who must agree before it is applied: affected departments, and finance when credit fails. */
  approvers: Approver[];
}

const shippedOrLater = ['shipped', 'delivered'];
const closed = ['completed', 'cancelled'];
const begun: readonly StepStatus[] = ['open', 'accepted', 'started', 'done'];
const underWay: readonly StepStatus[] = ['open', 'accepted', 'started'];

/**
 * What a change would do to an order (issue 13, point 2): value, the intake review re-run, the
 * credit re-check with the new total, each department's work and capacity, and a refusal when
 * the order's state does not allow it. Pure.
 */
export function assessChange(input: ChangeImpactInput): ChangeImpact {
  const { before, after } = input;
  const diff = diffContent(before, after);
  const beforeCents = contentTotalCents(before);
  const afterCents = contentTotalCents(after);
  const work = touchesWork(diff);
  const date = touchesDate(diff);
  const credit = checkCredit({ ...input.credit, orderCents: afterCents });
  const departments = input.steps
    .filter((s) => s.status !== 'cancelled')
    .map((s) => departmentImpact(s, work, date, input.today, after));
  const approvers: Approver[] = [];
  for (const d of departments) {
    if (d.affected && !approvers.some((a) => a.departmentId === d.departmentId))
      approvers.push({ departmentId: d.departmentId, name: d.name, why: d.affected });
  }
  // An order finance let through over its limit is not sent back to finance for a change that
  // lowers or keeps its value: only a larger amount at risk needs finance's word again.
  const needsFinance = credit.verdict === 'hold' && afterCents > beforeCents;
  if (needsFinance && input.finance && !approvers.some((a) => a.departmentId === input.finance?.departmentId))
    approvers.push({ departmentId: input.finance.departmentId, name: input.finance.name, why: 'credit' });
  return {
    refusal: refusal(input, diff, work || date, needsFinance),
    diff,
    beforeCents,
    afterCents,
    differenceCents: afterCents - beforeCents,
    findings: review(input, date),
    credit,
    departments,
    approvers,
  };
}

function refusal(
  input: ChangeImpactInput,
  diff: readonly FieldChange[],
  touchesGoods: boolean,
  needsFinance: boolean,
): string | null {
  const status = input.status === 'on_hold' ? (input.statusBeforeHold ?? input.status) : input.status;
  if (closed.includes(input.status))
    return `${input.orderNumber} is ${describeStatus(input.status)}: it can no longer change.`;
  if (shippedOrLater.includes(status) && touchesGoods)
    return (
      `${input.orderNumber} is ${describeStatus(status)}: its goods have left, so quantities, lines, ` +
      'specifications and the delivery date can no longer change. Prices and payment still can.'
    );
  if (!diff.length)
    return 'Nothing here differs from the order as it is. Change something, or close the form.';
  if (needsFinance && !input.finance)
    return `The changed order passes the customer's credit, and there is no finance department to approve it.`;
  return null;
}

/** The intake's review of the order as changed; a delivery date left as it was is not judged again. */
function review(input: ChangeImpactInput, dateChanged: boolean): Finding[] {
  const { after } = input;
  const findings = reviewOrder({
    ...input.review,
    draft: {
      customerCode: input.review.customerCode,
      customerPo: null,
      deliveryDate: after.deliveryDate,
      paymentMethod: after.paymentMethod,
      notes: null,
      lines: after.lines.map((l) => ({
        sku: l.sku,
        spec: l.spec,
        quantity: String(l.quantity),
        unitPrice: formatCents(l.unitPriceCents).replaceAll(',', ''),
      })),
    },
    today: input.today,
    poUsedBy: null,
  });
  return dateChanged ? findings : findings.filter((f) => f.field !== 'delivery_date');
}

function departmentImpact(
  step: ImpactStep,
  work: boolean,
  date: boolean,
  today: string,
  after: OrderContent,
): DepartmentImpact {
  let affected: string | null = null;
  if (work && step.status === 'done') affected = 'its part is done; the changed lines need its work again';
  else if (work && step.status === 'started') affected = 'its work on the old lines has started';
  else if (work && begun.includes(step.status)) affected = 'it has the order in hand';
  else if (date && underWay.includes(step.status)) affected = 'its schedule moves to the new date';
  const remaining = step.status !== 'done' && (work || date);
  const units = contentUnits(after);
  const fitsOn =
    remaining && step.dailyCapacity > 0
      ? earliestFit({
          today,
          dueOn: after.deliveryDate,
          amount: step.capacityUnit === 'units' ? (units * (100 - step.progress)) / 100 : 1,
          dailyCapacity: step.dailyCapacity,
          load: step.load,
        })
      : null;
  return {
    departmentId: step.departmentId,
    key: step.departmentKey,
    name: step.departmentName,
    affected,
    fitsOn,
  };
}

/** Who must agree to cancel an order, or why it cannot be cancelled at all (issue 13, point 4). */
export type CancellationImpact = { refusal: string } | { refusal: null; approvers: Approver[] };

export function assessCancellation(input: {
  orderNumber: string;
  status: string;
  statusBeforeHold: string | null;
  steps: readonly Pick<ImpactStep, 'departmentId' | 'departmentName' | 'status'>[];
}): CancellationImpact {
  const status = input.status === 'on_hold' ? (input.statusBeforeHold ?? input.status) : input.status;
  if (input.status === 'cancelled') return { refusal: `${input.orderNumber} is cancelled already.` };
  if ([...shippedOrLater, 'completed'].includes(status))
    return {
      refusal:
        `${input.orderNumber} is ${describeStatus(status)}, so it can't be cancelled: its goods have left. ` +
        'Arrange a return with after-sales instead.',
    };
  if (status !== 'in_production' && status !== 'ready') return { refusal: null, approvers: [] };
  const approvers: Approver[] = [];
  for (const s of input.steps) {
    if (
      ['accepted', 'started', 'done'].includes(s.status) &&
      !approvers.some((a) => a.departmentId === s.departmentId)
    )
      approvers.push({ departmentId: s.departmentId, name: s.departmentName, why: 'its work has begun' });
  }
  return { refusal: null, approvers };
}
