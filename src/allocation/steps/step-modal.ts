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

/** "SO-2026-000123 · Production": which order and whose step the modal is about. */
export function stepContext(step: StepSummary, more = '') {
  return {
    type: 'context',
    elements: [mrkdwn(`*${step.orderNumber}* · ${escapeMrkdwn(step.departmentName)}${more}`, 2000)],
  };
}

export function stepModalView(
  modal: { callbackId: string; title: string; submit: string },
  ref: string,
  blocks: ModalView['blocks'],
): ModalView {
  return {
    type: 'modal',
    callback_id: modal.callbackId,
    title: plain(modal.title, 24),
    submit: plain(modal.submit, 24),
    close: plain('Cancel', 24),
    private_metadata: ref,
    blocks,
  };
}
