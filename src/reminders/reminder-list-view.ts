import { type Block, context, plain, section, slackDate } from '../blocks/block-kit.ts';
import type { Reply } from '../slack/subcommand.ts';
import { listedReminders, type PendingReminder } from './reminder-store.ts';

export const cancelReminderAction = 'reminders.cancel';

/** `/order reminders`: each pending reminder (order, when, text) with its own Cancel button. */
export function renderReminderList(reminders: readonly PendingReminder[]): Reply {
  if (reminders.length === 0) {
    return { text: 'You have no reminders waiting. Set one with `/order remind SO-… in 2h <text>`.' };
  }
  const lines = reminders.map(describeReminder);
  const blocks: Block[] = [
    section('*Your reminders*'),
    ...reminders.map((r, i) => ({
      ...section(lines[i] ?? '', `reminder.${i}`),
      accessory: { type: 'button', action_id: cancelReminderAction, text: plain('Cancel'), value: r.key },
    })),
  ];
  if (reminders.length === listedReminders) blocks.push(context([`The first ${listedReminders} are shown.`]));
  return { text: `Your reminders:\n${lines.join('\n')}`, blocks };
}

function describeReminder(r: PendingReminder): string {
  const about = r.payload.order ? `*${r.payload.order.number}* · ` : '';
  return `${about}${slackDate(r.runAt)} · ${r.payload.text}`;
}
