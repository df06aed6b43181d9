import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { productSubcommand } from './product-command.ts';
import { productFormCallback } from './product-form.ts';
import { productSaveListener } from './product-save-listener.ts';

/** Products in Slack: `/order product …` and the product form. */
export function productsFeature(deps: FeatureDeps): SlackFeature {
  return {
    subcommands: [productSubcommand(deps)],
    register(app) {
      app.view(productFormCallback, productSaveListener(deps));
    },
  };
}
