import type { SnoozeChoice } from './after-delivery-times.ts';

/** The ids of the follow-up reminder's buttons and the feedback form. */
export const followUpActions = {
  logFeedback: 'followup.feedback',
  done: 'followup.done',
  snooze: {
    '1d': 'followup.snooze_1d',
    '3d': 'followup.snooze_3d',
    '1w': 'followup.snooze_1w',
  } satisfies Record<SnoozeChoice, string>,
  feedbackForm: 'followup.feedback_form',
} as const;

/** One follow-up per order: the key of its jobs. */
export const followUpKey = (orderId: number) => `order:${orderId}`;
