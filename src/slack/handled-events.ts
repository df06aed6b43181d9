import { lt } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/client.ts';
import { handledEvents } from '../db/schema.ts';

/** Longer than Slack's whole retry schedule (three retries over about six minutes). */
const KEEP_MS = 60 * 60 * 1000;
const PURGE_EVERY_MS = 10 * 60 * 1000;

/**
 * Claims an Events API delivery by its event_id: true the first time, false for a retry of a
 * delivery some instance has handled already. One insert per event; the expired rows are purged
 * every ten minutes by whichever call comes along.
 */
export function eventClaimer(db: Db, clock: Clock): (eventId: string) => Promise<boolean> {
  let nextPurge = 0;
  return async (eventId) => {
    const now = clock.now();
    if (now.getTime() >= nextPurge) {
      nextPurge = now.getTime() + PURGE_EVERY_MS;
      await db.delete(handledEvents).where(lt(handledEvents.handledAt, new Date(now.getTime() - KEEP_MS)));
    }
    const claimed = await db
      .insert(handledEvents)
      .values({ eventId, handledAt: now })
      .onConflictDoNothing()
      .returning({ eventId: handledEvents.eventId });
    return claimed.length > 0;
  };
}
