import { context, escapeMrkdwn, plain, section, truncate } from '../blocks/block-kit.ts';
import type { SlackMessage } from '../outbox/effects.ts';
import { customerMessageIds } from './customer-message-ids.ts';
import type { MessageReason } from './draft-customer-message.ts';

const occasions: Record<MessageReason, string> = {
  progress: 'has been in production a while: time to tell the customer how it is going',
  exception_raised: 'has a problem the customer should hear about',
  exception_resolved: "has its problem solved: tell the customer what's next",
  change_applied: 'was changed: let the customer know',
  cancelled: 'is cancelled: let the customer know',
  delivered: 'is delivered: send the customer a note (and the product guides)',
};

/** A section's text is capped at 3,000 characters; the draft is quoted whole below that. */
const quotedMax = 2800;

/** The owner's DM: why, the draft as it would go, and where it goes; Edit & preview, Send. */
export function offerDm(offer: {
  id: number;
  orderNumber: string;
  reason: MessageReason;
  text: string;
  channel: string | null;
}): SlackMessage {
  const value = String(offer.id);
  const where = offer.channel
    ? `Send posts it to <#${offer.channel}>, the customer's Slack Connect channel.`
    : 'The customer has no Slack Connect channel: Send gives you the text to copy.';
  const quote = truncate(offer.text, quotedMax)
    .split('\n')
    .map((l) => `>${escapeMrkdwn(l)}`)
    .join('\n');
  return {
    text: `:speech_balloon: ${offer.orderNumber} ${occasions[offer.reason]}.`,
    blocks: [
      section(`:speech_balloon: *${offer.orderNumber}* ${occasions[offer.reason]}.`),
      section(quote),
      context([where]),
      {
        type: 'actions',
        block_id: `custmsg.${offer.id}`,
        elements: [
          { type: 'button', text: plain('Edit & preview'), action_id: customerMessageIds.edit, value },
          {
            type: 'button',
            text: plain('Send'),
            action_id: customerMessageIds.send,
            value,
            style: 'primary',
          },
        ],
      },
    ],
  };
}
