import { type Block, escapeMrkdwn, fields, header } from '../blocks/block-kit.ts';
import { formatCents } from '../money.ts';
import { productCategory } from './product-categories.ts';
import type { StoredProduct } from './product-input.ts';

const days = (n: number) => (n === 0 ? 'from stock' : n === 1 ? '1 day' : `${n} days`);

/** A product's terms at a glance: shown by `/order product show` and after a save. */
export function productCard(p: StoredProduct): Block[] {
  const category = productCategory.labelOf(p.category);
  const unit = escapeMrkdwn(p.unit);
  return [
    header(`${p.sku} — ${p.name}`),
    fields([
      `*Category*\n${escapeMrkdwn(category)}`,
      `*List price*\n${formatCents(p.listPriceCents)} per ${unit}`,
      `*Pack size*\n${p.packSize} ${unit}`,
      `*Minimum order*\n${p.minOrderQty} ${unit}`,
      `*Lead time*\n${days(p.leadTimeDays)}`,
      `*Default specification*\n${p.defaultSpec ? escapeMrkdwn(p.defaultSpec) : 'none'}`,
    ]),
  ];
}
