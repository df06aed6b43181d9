import { escapeMrkdwn, truncate } from '../blocks/block-kit.ts';
import type { SlackMessage } from '../outbox/effects.ts';
import { type FeedbackReason, feedbackReasons } from './feedback-modal.ts';

export interface LowRating {
  number: string;
  customerName: string;
  rating: number;
  reasons: readonly string[];
  comment: string | null;
}

/** Section text stays under Slack's 3000 characters; the newest timeline lines are kept. */
const timelineBudget = 2800;

const reasonWords = (reasons: readonly string[]) =>
  reasons.map((r) => feedbackReasons[r as FeedbackReason] ?? r).join(', ');

/** The card after-sales and the departments that handled the order get about a low rating. */
export function lowRatingCard(r: LowRating, timeline: readonly string[]): SlackMessage {
  const headline = `:rotating_light: ${r.number} · ${escapeMrkdwn(r.customerName)} rated it ★${r.rating} after delivery`;
  const kept: string[] = [];
  let used = 0;
  for (const line of [...timeline].reverse()) {
    used += line.length + 1;
    if (used > timelineBudget) break;
    kept.unshift(line);
  }
  return {
    text: headline,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text:
            `${headline}\n*What went wrong* ${escapeMrkdwn(reasonWords(r.reasons))}` +
            (r.comment ? `\n*Comment* ${escapeMrkdwn(truncate(r.comment, 1000))}` : ''),
        },
      },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `*Timeline*\n${kept.join('\n') || '_nothing recorded_'}` },
      },
    ],
  };
}

/** The after-sales task reminder: who to call about what. */
export function afterSalesTaskText(r: LowRating): string {
  return (
    `:clipboard: After-sales follow-up: ${r.number} · ${escapeMrkdwn(r.customerName)} rated it ★${r.rating}` +
    ` (${escapeMrkdwn(reasonWords(r.reasons))}). Call the customer and set it right.`
  );
}
