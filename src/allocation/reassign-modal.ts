import { z } from 'zod';
import { mention, plain } from '../blocks/block-kit.ts';
import { modalInput, type StepModal, stepContext, stepModalView } from './step-modal.ts';

const reassignInput = z.object({
  assigneeId: z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'Pick the person to give it to.'),
});

/** Reassign: a colleague in the same department takes the step over. */
export const reassignModal: StepModal<z.infer<typeof reassignInput>> = {
  update: 'reassign',
  callbackId: 'step.reassign_details',
  errorBlock: 'assignee',
  view: (ref, step) =>
    stepModalView({ callbackId: reassignModal.callbackId, title: 'Reassign', submit: 'Reassign' }, ref, [
      stepContext(step, step.assigneeId ? `, now with ${mention(step.assigneeId)}` : ', unassigned'),
      {
        type: 'input',
        block_id: 'assignee',
        label: plain('Give it to'),
        element: {
          type: 'users_select',
          action_id: 'assignee',
          placeholder: plain(`Someone in ${step.departmentName}`),
        },
      },
    ]),
  read: (values) =>
    modalInput(
      reassignInput.safeParse({ assigneeId: values.assignee?.assignee?.selected_user ?? '' }),
      () => 'assignee',
    ),
};
