import { isAppError } from '../errors.ts';
import type { FeatureDeps } from '../slack/feature.ts';
import { readSchemaForm, submitModal, underInputs, type ViewSubmitArgs } from '../slack/modal-submit.ts';
import type { RecordForm } from './record-form.ts';
import type { NamedRecord, RecordKind } from './record-kind.ts';
import { saveRecord } from './save-record.ts';

/** A submitted record form: errors under the inputs, or saved and closed. */
export function recordSaveListener<Row extends NamedRecord, Input, Fields>(
  deps: FeatureDeps,
  kind: RecordKind<Row, Input>,
  form: RecordForm<Row, Fields>,
) {
  const modal = { logger: deps.logger, afterWrite: deps.afterWrite, summaryOnTop: true };
  return async function recordFormSubmitted(args: ViewSubmitArgs) {
    const { body, view } = args;
    let inputs: readonly string[] = [];
    await submitModal(args, modal, {
      read() {
        const typed = readSchemaForm(deps.logger, {
          what: kind.noun,
          read: () => form.read(view),
          schema: kind.schema,
          inputs: (submitted) => form.inputIds(submitted.to),
          unreadableUnder: 'name',
        });
        if (typed.ok) inputs = form.inputIds(typed.input.form.to);
        return typed;
      },
      async run({ form: { to }, input }) {
        const actor = await deps.loadActor({ userId: body.user.id, teamId: body.user.team_id });
        await saveRecord(deps.ctx, kind, actor, to.mode, input);
      },
      // A key that is taken is the key input's problem; any other refusal goes under the first.
      refused: {
        under: (error) =>
          underInputs(inputs)(isAppError(error) && error.code === 'conflict' ? kind.table.key : undefined),
      },
    });
  };
}
