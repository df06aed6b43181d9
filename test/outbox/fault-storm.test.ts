import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/fake-slack/index.ts';
import { botToken, dispatcherFor } from '../support/outbox-harness.ts';
import { prepareStorm, stormOutcome, weatherStorm } from '../support/outbox-storm.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let slack: FakeSlack;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await slack?.stop();
  await database.close();
});

describe('a storm of faults: 429s, 500s and responses lost after Slack stored the post', () => {
  it('400 effects over five channels and two DMs, one call in five failing: nothing posted twice, nothing lost, every card updated in place', async () => {
    const clock = new ManualClock('2026-11-27T10:00:00Z');
    slack = await startFakeSlack({ clock, botToken });
    const orderIds = await prepareStorm(database.db, slack, clock);

    await weatherStorm(database.db, clock, [dispatcherFor(database.db, slack, clock).dispatcher]);

    const outcome = await stormOutcome(database.db, slack, orderIds);
    console.info(
      `fault storm, one dispatcher: ${JSON.stringify({ ...outcome, faults: slack.faults.given })}`,
    );
    expect(outcome).toMatchObject({ effects: 400, duplicates: 0, lost: 0, badCards: [] });
    expect(slack.faults.given.lostResponse).toBeGreaterThan(30);
  }, 240_000);
});
