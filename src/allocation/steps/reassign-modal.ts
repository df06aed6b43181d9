import { z } from 'zod';
import { mention, plain } from '../../blocks/block-kit.ts';
import { readWith } from '../../slack/modal-submit.ts';
import { stepModal } from './step-modal.ts';

const reassignInput = z.object({
  assigneeId: z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'Pick the person to give it to.'),
});

/** Slack's static_select takes at most 100 options. */
const maxOptions = 100;

/** Reassign: a colleague in the same department, not away, takes the step over; only they are offered. */
export const reassignModal = stepModal({
  update: 'reassign',
  callbackId: 'step.reassign_details',
  title: 'Reassign',
  submit: 'Reassign',
  errorBlock: 'assignee',
  more: (step) => (step.assigneeId ? `, now with ${mention(step.assigneeId)}` : ', unassigned'),
  inputs: (step) => [
    {
      type: 'input',
      block_id: 'assignee',
      label: plain('Give it to'),
      element: {
        type: 'static_select',
        action_id: 'assignee',
        placeholder: plain(`Someone in ${step.departmentName}`),
        // A mention without a name on record is named by the modal's person-name lookup.
        options: step.colleagues
          .slice(0, maxOptions)
          .map((c) => ({ text: plain(c.name || mention(c.userId), 75), value: c.userId })),
      },
    },
  ],
  read: (values) =>
    readWith(
      reassignInput.safeParse({ assigneeId: values.assignee?.assignee?.selected_option?.value ?? '' }),
      () => 'assignee',
    ),
});
