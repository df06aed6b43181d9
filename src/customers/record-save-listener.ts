import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { z } from 'zod';
import { inputsOf, withSummaryOnTop } from '../slack/error-summary.ts';
import type { FeatureDeps } from '../slack/feature.ts';
import { addRecord } from './add-record.ts';
import { editRecord } from './edit-record.ts';
import { answerSubmission, unreadableForm } from './form-submission.ts';
import type { RecordForm } from './record-form.ts';
import type { NamedRecord, RecordKind } from './record-kind.ts';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** A submitted record form: errors under the inputs, or saved and closed. */
export function recordSaveListener<Row extends NamedRecord, Input, Fields>(
  deps: FeatureDeps,
  kind: RecordKind<Row, Input>,
  form: RecordForm<Row, Fields>,
  schema: z.ZodType<Input>,
) {
  return async ({ ack, body, view, logger }: Args) => {
    let submitted: ReturnType<typeof form.read>;
    try {
      submitted = form.read(view);
    } catch (error) {
      logger.error(`a ${kind.noun} form came back unreadable`, error);
      await ack({ response_action: 'errors', errors: { name: unreadableForm } });
      return;
    }
    const { to, fields } = submitted;
    let saved = false;
    const answer = await answerSubmission({
      inputs: form.inputIds(to),
      parsed: schema.safeParse(fields),
      async save(input) {
        const actor = await deps.loadActor({ userId: body.user.id, teamId: body.user.team_id });
        await (to.mode === 'add' ? addRecord : editRecord)(deps.ctx, kind, actor, input);
        saved = true;
      },
      // A key that is taken is the key input's problem; any other refusal goes under the first.
      blockFor: (error) => (error.code === 'conflict' ? kind.table.key : undefined),
      logger,
    });
    await ack(answer && { ...answer, errors: withSummaryOnTop(answer.errors, inputsOf(view)) });
    if (saved) deps.afterWrite();
  };
}
