import { z } from 'zod';
import { plain } from '../blocks/block-kit.ts';
import { type FormRead, readWith } from '../slack/modal-submit.ts';
import { followUpActions } from './follow-up-ids.ts';

export const feedbackReasons = {
  late_delivery: 'Late delivery',
  quality: 'Quality',
  quantity: 'Quantity',
  paperwork: 'Paperwork',
  communication: 'Communication',
  other: 'Other',
} as const;
export type FeedbackReason = keyof typeof feedbackReasons;

/** A rating this low asks why, and goes to after-sales. */
export const lowRating = 2;

const feedbackInput = z
  .object({
    rating: z.coerce.number().int().min(1, 'Pick a rating from 1 to 5.').max(5, 'Pick a rating from 1 to 5.'),
    comment: z.string().trim().max(2000, 'At most 2000 characters.'),
    reasons: z.array(z.enum(Object.keys(feedbackReasons) as [FeedbackReason, ...FeedbackReason[]])),
    needsFollowUp: z.boolean(),
  })
  .refine((f) => f.rating > lowRating || f.reasons.length > 0, {
    path: ['reasons'],
    message: `With a rating of ${lowRating} or less, say what went wrong.`,
  });
export type FeedbackInput = z.infer<typeof feedbackInput>;

const options = (entries: [string, string][]) =>
  entries.map(([value, text]) => ({ text: plain(text), value }));

/** Log feedback: the customer's satisfaction, a comment, what went wrong, and whether to follow up again. */
export function feedbackModal(orderId: number, number: string) {
  return {
    type: 'modal',
    callback_id: followUpActions.feedbackForm,
    private_metadata: String(orderId),
    title: plain('Log feedback'),
    submit: plain('Log'),
    close: plain('Cancel'),
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: `How the customer found ${number}` }] },
      {
        type: 'input',
        block_id: 'rating',
        label: plain('Satisfaction'),
        element: {
          type: 'radio_buttons',
          action_id: 'rating',
          options: options(['1', '2', '3', '4', '5'].map((r) => [r, `${'★'.repeat(Number(r))} ${r}`])),
        },
      },
      {
        type: 'input',
        block_id: 'reasons',
        optional: true,
        label: plain(`What went wrong (needed for ${lowRating} or less)`),
        element: {
          type: 'checkboxes',
          action_id: 'reasons',
          options: options(Object.entries(feedbackReasons)),
        },
      },
      {
        type: 'input',
        block_id: 'comment',
        optional: true,
        label: plain('Comment'),
        element: { type: 'plain_text_input', action_id: 'comment', multiline: true, max_length: 2000 },
      },
      {
        type: 'input',
        block_id: 'follow_up',
        optional: true,
        label: plain('Next'),
        element: {
          type: 'checkboxes',
          action_id: 'follow_up',
          options: options([['yes', 'Needs follow-up']]),
        },
      },
    ],
  };
}

type ViewValues = Record<
  string,
  Record<
    string,
    {
      value?: string | null;
      selected_option?: { value: string } | null;
      selected_options?: { value: string }[];
    }
  >
>;

/** The form as typed, or the message under each block that needs another look. */
export function readFeedback(values: ViewValues): FormRead<FeedbackInput> {
  const typed = feedbackInput.safeParse({
    rating: values.rating?.rating?.selected_option?.value ?? '0',
    comment: values.comment?.comment?.value ?? '',
    reasons: (values.reasons?.reasons?.selected_options ?? []).map((o) => o.value),
    needsFollowUp: (values.follow_up?.follow_up?.selected_options ?? []).some((o) => o.value === 'yes'),
  });
  return readWith(typed, (field) => (field === 'needsFollowUp' ? 'follow_up' : field || 'rating'));
}
