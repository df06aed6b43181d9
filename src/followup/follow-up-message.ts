import { escapeMrkdwn, mention, plain } from '../blocks/block-kit.ts';
import type { SlackMessage } from '../outbox/effects.ts';
import { type SnoozeChoice, snoozeChoices } from './after-delivery-times.ts';
import { followUpActions } from './follow-up-ids.ts';

export interface FollowUpSubject {
  orderId: number;
  number: string;
  customerName: string;
  customerCode: string;
  /** The customer's account owner: who to ask how the delivery went. */
  contactId: string | null;
  deliveredOn: string | null;
}

const button = (text: string, actionId: string, value: string, style?: 'primary') => ({
  type: 'button',
  text: plain(text),
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

/** The owner's reminder to ask the customer how the delivery went, with what to do about it. */
export function followUpMessage(s: FollowUpSubject): SlackMessage {
  const customer = `${escapeMrkdwn(s.customerName)} (${escapeMrkdwn(s.customerCode)})`;
  const contact = s.contactId ? mention(s.contactId) : '_no contact on record_';
  const value = String(s.orderId);
  return {
    text: `:telephone_receiver: Follow up on ${s.number}: how did the delivery to ${escapeMrkdwn(s.customerName)} go?`,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text:
            `:telephone_receiver: *Follow up on ${s.number}*: how did the delivery go?\n` +
            `*Customer* ${customer} · *Contact* ${contact}` +
            (s.deliveredOn ? ` · *Delivered* ${s.deliveredOn}` : ''),
        },
      },
      {
        type: 'actions',
        block_id: `followup.${s.orderId}`,
        elements: [
          button('Log feedback', followUpActions.logFeedback, value, 'primary'),
          ...(Object.keys(snoozeChoices) as SnoozeChoice[]).map((c) =>
            button(`Snooze ${snoozeChoices[c].label}`, followUpActions.snooze[c], value),
          ),
          button('Done', followUpActions.done, value),
        ],
      },
    ],
  };
}
