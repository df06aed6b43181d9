import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { answerSubmission, unreadableForm } from '../customers/form-submission.ts';
import type { FeatureDeps } from '../slack/feature.ts';
import { addProduct } from './add-product.ts';
import { editProduct } from './edit-product.ts';
import { productFormInputs, readProductForm } from './product-form.ts';
import { productInputSchema } from './product-input.ts';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** A submitted product form: errors under the inputs, or saved and closed. */
export function productSaveListener(deps: FeatureDeps) {
  return async ({ ack, body, view, logger }: Args) => {
    let form: ReturnType<typeof readProductForm>;
    try {
      form = readProductForm(view);
    } catch (error) {
      logger.error('a product form came back unreadable', error);
      await ack({ response_action: 'errors', errors: { name: unreadableForm } });
      return;
    }
    const { to, fields } = form;
    let saved = false;
    const answer = await answerSubmission({
      inputs: productFormInputs(to),
      parsed: productInputSchema.safeParse(fields),
      async save(input) {
        const actor = await deps.loadActor({ userId: body.user.id, teamId: body.user.team_id });
        await (to.mode === 'add' ? addProduct : editProduct)(deps.ctx, actor, input);
        saved = true;
      },
      blockFor: (error) => (error.code === 'conflict' ? 'sku' : undefined),
      logger,
    });
    await ack(answer);
    if (saved) deps.afterWrite();
  };
}
