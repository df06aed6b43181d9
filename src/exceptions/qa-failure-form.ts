import type { types } from '@slack/bolt';
import { z } from 'zod';
import { escapeMrkdwn, mrkdwn, plain } from '../blocks/block-kit.ts';
import { type FormRead, readWith } from '../slack/modal-submit.ts';
import type { QaFailure } from './fail-qa-step.ts';
import type { Values } from './problem-form.ts';
import { severities } from './problem-kinds.ts';

export const qaFailureFormId = 'step.fail_details';

/**
 * Fail… on an inspection: what failed, how badly, and what is wrong. It raises a quality problem
 * for the department that made the goods; `ref` is the step and the order version the card showed.
 */
export function qaFailureForm(ref: string, orderNumber: string): types.ModalView {
  const options = severities.map((v) => ({ text: plain(v[0]?.toUpperCase() + v.slice(1), 75), value: v }));
  return {
    type: 'modal',
    callback_id: qaFailureFormId,
    title: plain('Inspection failed', 24),
    submit: plain('Fail it', 24),
    close: plain('Cancel', 24),
    private_metadata: ref,
    blocks: [
      {
        type: 'context',
        elements: [
          mrkdwn(
            `*${escapeMrkdwn(orderNumber)}*: a quality problem goes to the department that made it; this step stays open until the rework passes.`,
          ),
        ],
      },
      {
        type: 'input',
        block_id: 'what',
        label: plain('What failed?'),
        element: { type: 'plain_text_input', action_id: 'what', max_length: 150 },
        hint: plain('e.g. weld seams, paint thickness, dimensions'),
      },
      {
        type: 'input',
        block_id: 'severity',
        label: plain('Severity'),
        element: { type: 'static_select', action_id: 'severity', options },
      },
      {
        type: 'input',
        block_id: 'description',
        label: plain('What is wrong?'),
        element: { type: 'plain_text_input', action_id: 'description', multiline: true, max_length: 1800 },
      },
    ],
  };
}

const failureInput = z.object({
  what: z.string().trim().min(1, 'Say what failed.').max(150, 'At most 150 characters.'),
  severity: z.enum(severities, { error: 'Pick a severity.' }),
  description: z.string().trim().min(1, 'Say what is wrong.').max(1800, 'At most 1800 characters.'),
});

export function readQaFailureForm(values: Values): FormRead<QaFailure> {
  return readWith(
    failureInput.safeParse({
      what: values.what?.what?.value ?? '',
      severity: values.severity?.severity?.selected_option?.value ?? '',
      description: values.description?.description?.value ?? '',
    }),
    { what: 'what', severity: 'severity', description: 'description' },
  );
}
