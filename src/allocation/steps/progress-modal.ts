import { z } from 'zod';
import { plain } from '../../blocks/block-kit.ts';
import { readWith } from '../../slack/modal-submit.ts';
import { stepModal } from './step-modal.ts';

const wholePercent = 'Say a whole number from 0 to 100.';

const progressInput = z.object({
  percent: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, wholePercent)
    .transform(Number)
    .refine((n) => n <= 100, wholePercent),
  note: z.string().trim().max(500, 'At most 500 characters.'),
});

/** Progress: percent done and an optional note, prefilled with what the card shows now. */
export const progressModal = stepModal({
  update: 'progress',
  callbackId: 'step.progress_details',
  title: 'Progress',
  submit: 'Save',
  errorBlock: 'percent',
  inputs: (step) => [
    {
      type: 'input',
      block_id: 'percent',
      label: plain('Percent done'),
      element: {
        type: 'number_input',
        action_id: 'percent',
        is_decimal_allowed: false,
        min_value: '0',
        max_value: '100',
        initial_value: String(step.progress),
      },
    },
    {
      type: 'input',
      block_id: 'note',
      optional: true,
      label: plain('Note'),
      element: {
        type: 'plain_text_input',
        action_id: 'note',
        multiline: true,
        max_length: 500,
        ...(step.note ? { initial_value: step.note } : {}),
      },
    },
  ],
  read: (values) =>
    readWith(
      progressInput.safeParse({
        percent: values.percent?.percent?.value ?? '',
        note: values.note?.note?.value ?? '',
      }),
      (field) => field,
    ),
});
