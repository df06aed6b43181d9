import type { types, ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import { escapeMrkdwn, mrkdwn, plain } from '../blocks/block-kit.ts';
import { type ManualHoldKind, manualHoldKinds } from './hold-order.ts';

export const holdFormId = 'hold.form';

const kindLabels: Record<ManualHoldKind, string> = {
  manual: 'Manual: the desk holds it',
  customer: 'Customer request: the customer asked to wait',
};

/** Hold…: the kind (by hand, or at the customer's request) and the reason every card will show. */
export function holdForm(order: { id: number; version: number; number: string }): types.ModalView {
  const options = manualHoldKinds.map((kind) => ({ text: plain(kindLabels[kind], 75), value: kind }));
  return {
    type: 'modal',
    callback_id: holdFormId,
    title: plain('Hold order', 24),
    submit: plain('Hold', 24),
    close: plain('Cancel', 24),
    private_metadata: `${order.id}:${order.version}`,
    blocks: [
      {
        type: 'context',
        elements: [
          mrkdwn(`*${escapeMrkdwn(order.number)}*: its work stops until an admin releases the hold.`),
        ],
      },
      {
        type: 'input',
        block_id: 'kind',
        label: plain('Why does it wait?'),
        element: { type: 'radio_buttons', action_id: 'kind', options, initial_option: options[0] },
      },
      {
        type: 'input',
        block_id: 'reason',
        label: plain('Reason, shown on every card'),
        element: { type: 'plain_text_input', action_id: 'reason', multiline: true, max_length: 500 },
      },
    ],
  };
}

const holdInput = z.object({
  kind: z.enum(manualHoldKinds, { error: 'Pick why it waits.' }),
  reason: z.string().trim().min(1, 'Say why it is held.').max(500, 'At most 500 characters.'),
});
export type HoldInput = z.infer<typeof holdInput>;

/** The form's values checked; each problem under its input. */
export function readHoldForm(
  values: ViewOutput['state']['values'],
): { ok: true; input: HoldInput } | { ok: false; errors: Record<string, string> } {
  const read = holdInput.safeParse({
    kind: values.kind?.kind?.selected_option?.value ?? '',
    reason: values.reason?.reason?.value ?? '',
  });
  if (read.success) return { ok: true, input: read.data };
  const errors: Record<string, string> = {};
  for (const issue of read.error.issues) errors[String(issue.path[0])] ??= issue.message;
  return { ok: false, errors };
}
