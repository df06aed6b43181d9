import { z } from 'zod';
import { permit } from '../auth/permissions.ts';
import { slackDate } from '../blocks/block-kit.ts';
import { AppError } from '../errors.ts';
import { findOrderIdByNumber } from '../orders/order-queries.ts';
import { type ButtonArgs, cardButton } from '../slack/card-button.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import type { SlackRouter } from '../slack/router.ts';
import { type CommandRequest, type SubcommandTexts, subcommandsOf } from '../slack/subcommand.ts';
import { personTimeZone } from './person-time-zone.ts';
import { describeLocal, parseRemindCommand, reminderTime, remindUsage } from './remind-command.ts';
import { cancelReminderAction, renderReminderList } from './reminder-list-view.ts';
import { addReminder, cancelReminder, pendingReminders } from './reminder-store.ts';

/** A Cancel button's value: the reminder's job key, as written by addReminder. */
const reminderKey = z.string().regex(/^[UW][A-Z0-9]{2,}:[0-9a-f-]{36}$/, 'not a reminder');

export const remindersCommands = {
  remind: {
    usage: remindUsage,
    example: '/order remind SO-2026-000123 in 2h call ACME about the drawings',
    summary: 'a DM to you about an order, after a while or on a date (in your time zone)',
  },
  reminders: {
    usage: 'reminders',
    example: '/order reminders',
    summary: 'your reminders still to come, each with Cancel',
  },
} satisfies SubcommandTexts;

/** `/order remind` and `/order reminders`: a DM to oneself about an order, later. */
export function remindersFeature(deps: FeatureDeps): SlackFeature {
  const { ctx, logger, loadActor } = deps;

  async function remindCommand(req: CommandRequest) {
    permit(await req.actor(), 'command:/order remind');
    const asked = parseRemindCommand(req.args);
    const orderId = await findOrderIdByNumber(ctx.db, asked.orderNumber);
    if (!orderId) throw new AppError('not_found', `There is no order ${asked.orderNumber}.`);
    // Only a date needs the person's zone; a while is the same everywhere.
    const timeZone =
      asked.when.kind === 'on'
        ? await personTimeZone(req.client, req.userId, ctx.timeZone, logger)
        : ctx.timeZone;
    const now = ctx.clock.now();
    const runAt = reminderTime(asked.when, now, timeZone);
    await addReminder(
      ctx.db,
      { userId: req.userId, text: asked.text, order: { id: orderId, number: asked.orderNumber } },
      runAt,
      now,
    );
    const local = asked.when.kind === 'on' ? ` (${describeLocal(runAt, timeZone)})` : '';
    await req.reply({
      text: `:alarm_clock: I will remind you about *${asked.orderNumber}* ${slackDate(runAt)}${local}: ${asked.text}`,
    });
  }

  async function remindersCommand(req: CommandRequest) {
    permit(await req.actor(), 'command:/order reminders');
    await req.reply(renderReminderList(await pendingReminders(ctx.db, req.userId)));
  }

  /** Cancel, beside a reminder in the list. */
  async function cancelPressed({ action, body, respond }: ButtonArgs) {
    permit(await loadActor({ userId: body.user.id, teamId: body.user.team_id }), 'action:reminders.cancel');
    const key = reminderKey.safeParse(action.value);
    if (!key.success) throw new AppError('not_found', 'There is no such reminder.');
    const cancelled = await cancelReminder(ctx.db, body.user.id, key.data, ctx.clock.now());
    const about = cancelled.order ? ` about *${cancelled.order.number}*` : '';
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: `Cancelled your reminder${about}: ${cancelled.text}`,
    });
  }

  return {
    subcommands: subcommandsOf(remindersCommands, { remind: remindCommand, reminders: remindersCommand }),
    register(router: SlackRouter) {
      router.action(cancelReminderAction, cardButton(deps, cancelPressed));
    },
  };
}
