import type { types, ViewOutput } from '@slack/bolt';
import { escapeMrkdwn, mrkdwn, plain } from '../../blocks/block-kit.ts';
import type { FormRead } from '../../slack/modal-submit.ts';
import type { StepSummary, StepUpdate } from './step-updates.ts';

export type ViewValues = ViewOutput['state']['values'];
type ModalView = types.ModalView;

/** A modal opened from a step button: the step ref rides in private_metadata ("assignmentId:version"). */
export interface StepModal<T> {
  update: StepUpdate;
  callbackId: string;
  /** Where a refusal from the use case is shown (an input block of the modal). */
  errorBlock: string;
  view(ref: string, step: StepSummary): ModalView;
  read(values: ViewValues): FormRead<T>;
}

/** What one step modal says and asks; `stepModal` draws it under the line naming the order and step. */
export interface StepModalSpec<T> extends Omit<StepModal<T>, 'view'> {
  title: string;
  submit: string;
  /** Said after the order and department in that line: ", now with @ann". */
  more?(step: StepSummary): string;
  inputs(step: StepSummary): ModalView['blocks'];
}

/** The modal itself: the spec's title and buttons, Cancel to close, the step ref in private_metadata. */
export function stepModal<T>({ title, submit, more, inputs, ...modal }: StepModalSpec<T>): StepModal<T> {
  return {
    ...modal,
    view: (ref, step) => ({
      type: 'modal',
      callback_id: modal.callbackId,
      title: plain(title, 24),
      submit: plain(submit, 24),
      close: plain('Cancel', 24),
      private_metadata: ref,
      blocks: [stepContext(step, more?.(step)), ...inputs(step)],
    }),
  };
}

/** "SO-2026-000123 · Production": which order and whose step the modal is about. */
function stepContext(step: StepSummary, more = '') {
  return {
    type: 'context',
    elements: [mrkdwn(`*${step.orderNumber}* · ${escapeMrkdwn(step.departmentName)}${more}`, 2000)],
  };
}
