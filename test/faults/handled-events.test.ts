import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { handledEvents } from '../../src/db/schema.ts';
import { eventClaimer } from '../../src/slack/handled-events.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('handled event ids', () => {
  it('an event id is claimed once; a retry of it is not; after an hour the record is purged', async () => {
    const clock = new ManualClock('2026-12-01T10:00:00Z');
    const claim = eventClaimer(database.db, clock);
    expect(await claim('Ev01')).toBe(true);
    expect(await claim('Ev01')).toBe(false);
    expect(await claim('Ev02')).toBe(true);

    clock.advance(61 * 60 * 1000);
    expect(await claim('Ev03')).toBe(true);
    const kept = await database.db.select({ id: handledEvents.eventId }).from(handledEvents);
    expect(kept.map((r) => r.id)).toEqual(['Ev03']);
  });

  it('two instances claiming the same event at once: exactly one wins', async () => {
    const clock = new ManualClock('2026-12-01T12:00:00Z');
    const [a, b] = [eventClaimer(database.db, clock), eventClaimer(database.db, clock)];
    const won = await Promise.all([a('Ev10'), b('Ev10')]);
    expect(won.filter(Boolean)).toHaveLength(1);
  });
});
