import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { homeCustomerPicks } from '../db/schema.ts';

/**
 * The customer a person picked on their Home, kept per person: every redraw of the Home (an
 * order's change refreshes it through the outbox, opening the tab draws it) shows it again.
 * Picking nothing clears it.
 */
export async function rememberCustomerPick(
  db: DbOrTx,
  userId: string,
  code: string | null,
  now: Date,
): Promise<void> {
  if (code === null) {
    await db.delete(homeCustomerPicks).where(eq(homeCustomerPicks.slackUserId, userId));
    return;
  }
  await db
    .insert(homeCustomerPicks)
    .values({ slackUserId: userId, customerCode: code, pickedAt: now })
    .onConflictDoUpdate({
      target: homeCustomerPicks.slackUserId,
      set: { customerCode: code, pickedAt: now },
    });
}

/** The customer this person last picked on their Home, if any. */
export async function customerPickOf(db: DbOrTx, userId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ code: homeCustomerPicks.customerCode })
    .from(homeCustomerPicks)
    .where(eq(homeCustomerPicks.slackUserId, userId));
  return row?.code;
}
