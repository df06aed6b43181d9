import { z } from 'zod';
import { plain } from '../blocks/block-kit.ts';
import { modalInput, type StepModal, stepContext, stepModalView } from './step-modal.ts';

const problemInput = z.object({
  note: z.string().trim().min(1, 'Say what the problem is.').max(2000, 'At most 2000 characters.'),
});

/** Report problem: a note that goes on the order's timeline and to its owner. */
export const problemModal: StepModal<z.infer<typeof problemInput>> = {
  update: 'problem',
  callbackId: 'step.problem_details',
  errorBlock: 'note',
  view: (ref, step) =>
    stepModalView({ callbackId: problemModal.callbackId, title: 'Report a problem', submit: 'Report' }, ref, [
      stepContext(step, ' · the order’s owner gets this note'),
      {
        type: 'input',
        block_id: 'note',
        label: plain('What is wrong?'),
        element: { type: 'plain_text_input', action_id: 'note', multiline: true, max_length: 2000 },
      },
    ]),
  read: (values) =>
    modalInput(problemInput.safeParse({ note: values.note?.note?.value ?? '' }), () => 'note'),
};
