import { escapeMrkdwn } from '../../blocks/block-kit.ts';
import { customerTier } from '../../customers/customer-tiers.ts';
import { paymentMethod } from '../../customers/payment-methods.ts';
import { formatCents } from '../../money.ts';
import { productCategory } from '../../products/product-categories.ts';
import type { PickStrategy, RouteStep, RuleConditions } from '../../routing/allocation-rules.ts';

/** A rule as a person reads it in the list: its conditions and its route, in words. */
export const pickLabels: Record<PickStrategy, string> = {
  round_robin: 'round-robin',
  least_open: 'least open assignments',
  fixed: 'fixed person',
};

const either = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;

function range(min: string | undefined, max: string | undefined, unit = ''): string {
  if (min !== undefined && max !== undefined) return `${min}–${max}${unit}`;
  if (min !== undefined) return `at least ${min}${unit}`;
  return `at most ${max}${unit}`;
}

const text = (n: number | undefined) => (n === undefined ? undefined : String(n));
const money = (n: number | undefined) => (n === undefined ? undefined : formatCents(n));

export function describeConditions(c: RuleConditions): string {
  const parts: string[] = [];
  if (c.categories?.length) {
    const names = c.categories.map(productCategory.labelOf);
    parts.push(`products in ${either(names)}`);
  }
  if (c.minValueCents !== undefined || c.maxValueCents !== undefined) {
    parts.push(`value ${range(money(c.minValueCents), money(c.maxValueCents))}`);
  }
  if (c.tiers?.length) {
    parts.push(`${either(c.tiers.map(customerTier.labelOf))} customers`);
  }
  if (c.paymentMethods?.length) {
    parts.push(`paid ${either(c.paymentMethods.map(paymentMethod.labelOf))}`);
  }
  if (c.minDaysUntilDelivery !== undefined || c.maxDaysUntilDelivery !== undefined) {
    const days = range(text(c.minDaysUntilDelivery), text(c.maxDaysUntilDelivery), ' days');
    parts.push(`delivery in ${days}`);
  }
  return parts.length ? parts.join(' · ') : 'every order';
}

/** `Finance → Production (round-robin) → Logistics (fixed: <@U…>)`, in mrkdwn. */
export function describeRoute(route: readonly RouteStep[], names: ReadonlyMap<string, string>): string {
  return route
    .map((step) => {
      const name = escapeMrkdwn(names.get(step.department) ?? `${step.department} (missing)`);
      const how =
        step.pick === 'fixed' && step.personId ? `fixed: <@${step.personId}>` : pickLabels[step.pick];
      return `${name} (${how})`;
    })
    .join(' → ');
}
