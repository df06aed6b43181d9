import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { customerSubcommand } from './customer-command.ts';
import { customerFormCallback } from './customer-form.ts';
import { customerSaveListener } from './customer-save-listener.ts';

/** Customers in Slack: `/order customer …` and the customer form. */
export function customersFeature(deps: FeatureDeps): SlackFeature {
  return {
    subcommands: [customerSubcommand(deps)],
    register(app) {
      app.view(customerFormCallback, customerSaveListener(deps));
    },
  };
}
