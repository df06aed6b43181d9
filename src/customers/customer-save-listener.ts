import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { FeatureDeps } from '../slack/feature.ts';
import { addCustomer } from './add-customer.ts';
import { customerFormInputs, readCustomerForm } from './customer-form.ts';
import { customerInputSchema } from './customer-input.ts';
import { editCustomer } from './edit-customer.ts';
import { answerSubmission, unreadableForm } from './form-submission.ts';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** A submitted customer form: errors under the inputs, or saved and closed. */
export function customerSaveListener(deps: FeatureDeps) {
  return async ({ ack, body, view, logger }: Args) => {
    let form: ReturnType<typeof readCustomerForm>;
    try {
      form = readCustomerForm(view);
    } catch (error) {
      logger.error('a customer form came back unreadable', error);
      await ack({ response_action: 'errors', errors: { name: unreadableForm } });
      return;
    }
    const { to, fields } = form;
    let saved = false;
    const answer = await answerSubmission({
      inputs: customerFormInputs(to),
      parsed: customerInputSchema.safeParse(fields),
      async save(input) {
        const actor = await deps.loadActor({ userId: body.user.id, teamId: body.user.team_id });
        await (to.mode === 'add' ? addCustomer : editCustomer)(deps.ctx, actor, input);
        saved = true;
      },
      blockFor: (error) => (error.code === 'conflict' ? 'code' : undefined),
      logger,
    });
    await ack(answer);
    if (saved) deps.afterWrite();
  };
}
