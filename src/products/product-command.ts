import { requireRole } from '../auth/roles.ts';
import { parseRecordCommand } from '../customers/record-command.ts';
import { escapeMrkdwn } from '../slack/block-kit.ts';
import type { FeatureDeps } from '../slack/feature.ts';
import type { Subcommand } from '../slack/subcommand.ts';
import { productToEdit } from './edit-product.ts';
import { lookUpProduct } from './look-up-product.ts';
import { productCard } from './product-card.ts';
import { productFormView } from './product-form.ts';
import { productFields, productToFields } from './product-input.ts';
import { findProduct, productExists } from './product-store.ts';

const usage = 'product add [SKU] | edit SKU | show SKU';
const usageLines = [
  '`/order product add [SKU]` — a form for a new product (admins)',
  '`/order product edit SKU` — change a product (admins)',
  '`/order product show SKU` — its price, pack size, minimum order and lead time',
].join('\n');

/** `/order product …`: opens the product form, or shows a product's card. */
export function productSubcommand({ ctx }: FeatureDeps): Subcommand {
  return {
    name: 'product',
    usage,
    example: '/order product show HB-M12X50-8.8',
    summary: 'add, change or look up a product',
    async run(req) {
      const parsed = parseRecordCommand(req.args, productFields.shape.sku, 'SKU');
      if (!parsed.ok) {
        const problem = parsed.problem ? `:warning: ${escapeMrkdwn(parsed.problem)}.\n` : '';
        return req.reply({ text: `${problem}${usageLines}` });
      }
      const { command } = parsed;
      const actor = await req.actor();
      if (command.verb === 'show') {
        const product = await lookUpProduct(ctx, actor, command.key);
        return req.reply({
          text: `${product.sku} — ${escapeMrkdwn(product.name)}`,
          blocks: productCard(product),
        });
      }
      let view: Record<string, unknown>;
      if (command.verb === 'edit') {
        const product = await productToEdit(ctx, actor, command.key);
        view = productFormView({ mode: 'edit', sku: product.sku }, productToFields(product));
      } else {
        requireRole(actor, ['admin'], 'add products');
        if (command.key && (await findProduct(ctx.db, command.key))) {
          return req.reply({ text: `:warning: ${productExists(command.key)}` });
        }
        view = productFormView({ mode: 'add' }, { sku: command.key });
      }
      await req.client.apiCall('views.open', { trigger_id: req.triggerId, view });
    },
  };
}
