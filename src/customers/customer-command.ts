import { requireRole } from '../auth/roles.ts';
import { escapeMrkdwn } from '../slack/block-kit.ts';
import type { FeatureDeps } from '../slack/feature.ts';
import type { Subcommand } from '../slack/subcommand.ts';
import { customerCard } from './customer-card.ts';
import { customerFormView } from './customer-form.ts';
import { customerFields, customerToFields } from './customer-input.ts';
import { customerExists, findCustomer } from './customer-store.ts';
import { customerToEdit } from './edit-customer.ts';
import { lookUpCustomer } from './look-up-customer.ts';
import { parseRecordCommand } from './record-command.ts';

const usage = 'customer add [CODE] | edit CODE | show CODE';
const usageLines = [
  '`/order customer add [CODE]` — a form for a new customer (admins)',
  '`/order customer edit CODE` — change a customer (admins)',
  '`/order customer show CODE` — its terms, credit and owner',
].join('\n');

/** `/order customer …`: opens the customer form, or shows a customer's card. */
export function customerSubcommand({ ctx }: FeatureDeps): Subcommand {
  return {
    name: 'customer',
    usage,
    example: '/order customer edit ACME',
    summary: 'add, change or look up a customer',
    async run(req) {
      const parsed = parseRecordCommand(req.args, customerFields.shape.code, 'customer code');
      if (!parsed.ok) {
        const problem = parsed.problem ? `:warning: ${escapeMrkdwn(parsed.problem)}.\n` : '';
        return req.reply({ text: `${problem}${usageLines}` });
      }
      const { command } = parsed;
      const actor = await req.actor();
      if (command.verb === 'show') {
        const customer = await lookUpCustomer(ctx, actor, command.key);
        return req.reply({
          text: `${customer.code} — ${escapeMrkdwn(customer.name)}`,
          blocks: customerCard(customer),
        });
      }
      let view: Record<string, unknown>;
      if (command.verb === 'edit') {
        const customer = await customerToEdit(ctx, actor, command.key);
        view = customerFormView({ mode: 'edit', code: customer.code }, customerToFields(customer));
      } else {
        requireRole(actor, ['admin'], 'add customers');
        if (command.key && (await findCustomer(ctx.db, command.key))) {
          return req.reply({ text: `:warning: ${customerExists(command.key)}` });
        }
        view = customerFormView({ mode: 'add' }, { code: command.key });
      }
      await req.client.apiCall('views.open', { trigger_id: req.triggerId, view });
    },
  };
}
