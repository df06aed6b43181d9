import { escapeMrkdwn, mention, plain } from '../blocks/block-kit.ts';
import type { SlackMessage } from '../outbox/effects.ts';
import { type NudgeSnooze, nudgeActions, snoozeChoices } from './nudge-ids.ts';
import type { AcceptSubject, DeliverySubject } from './nudge-store.ts';

function withSnooze(text: string, ref: string, blockId: string): SlackMessage {
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        block_id: blockId,
        elements: (Object.keys(snoozeChoices) as NudgeSnooze[]).map((c) => ({
          type: 'button',
          text: plain(`Snooze ${snoozeChoices[c].label}`),
          action_id: nudgeActions.snooze[c],
          value: ref,
        })),
      },
    ],
  };
}

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** Before the delivery date (`daysLeft` 0 is the day itself) or after it, and not shipped. */
export function deliveryNudge(s: DeliverySubject, daysLeft: number, ref: string): SlackMessage {
  const about = `*${s.number}* for ${escapeMrkdwn(s.customerName)} is not shipped yet`;
  const text =
    daysLeft < 0
      ? `:red_circle: ${about} and *${days(-daysLeft)} overdue* (due ${s.deliveryDate}).`
      : `:hourglass_flowing_sand: ${about}: it is due ${daysLeft === 0 ? '*today*' : `in *${days(daysLeft)}*`} (${s.deliveryDate}).`;
  return withSnooze(text, ref, `nudge.delivery.${s.orderId}`);
}

/** A step nobody accepted: to its assignee first, to the department's manager after as long again. */
export function acceptNudge(
  s: AcceptSubject,
  waitedHours: number,
  to: 'assignee' | 'manager',
  ref: string,
): SlackMessage {
  const step = `${escapeMrkdwn(s.departmentName)}'s step of *${s.number}* (${escapeMrkdwn(s.customerName)}, due ${s.deliveryDate})`;
  const text =
    to === 'assignee'
      ? `:wave: ${step} has waited ${waitedHours} h for you to accept it.`
      : `:rotating_light: ${step} has waited ${waitedHours} h for ${s.assigneeId ? mention(s.assigneeId) : 'someone'} to accept it.`;
  return withSnooze(text, ref, `nudge.accept.${to}`);
}
