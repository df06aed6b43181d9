import type { Actor } from '../auth/roles.ts';
import { type BusinessCalendar, defaultBusinessHours, defaultWorkdays } from '../calendar.ts';
import type { UseCaseContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { planSummary } from './plan-summaries.ts';
import { isManager, type SummaryPreference, savePreference } from './summary-store.ts';

function calendarOf(ctx: UseCaseContext): BusinessCalendar {
  return (
    ctx.afterDelivery?.calendar ?? {
      timeZone: ctx.timeZone,
      workdays: defaultWorkdays,
      ...defaultBusinessHours,
      holidays: [],
    }
  );
}

/**
 * A manager's choice of summary, stored and put into effect at once: the job moves to the next
 * time it asks for (or is cancelled), in the same transaction. Returns when it comes next.
 */
export async function chooseSummary(
  ctx: UseCaseContext,
  actor: Actor,
  preference: SummaryPreference,
): Promise<Date | null> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    if (!(await isManager(tx, actor.userId)))
      throw new AppError(
        'forbidden',
        'Summaries go to managers: people with the manager role or managing a department.',
      );
    await savePreference(tx, actor.userId, preference, now);
    return planSummary(tx, { to: 'person', userId: actor.userId }, calendarOf(ctx), now);
  });
}
