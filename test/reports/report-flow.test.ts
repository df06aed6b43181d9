import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox, people as peopleTable, reportRuns } from '../../src/db/schema.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { eventually } from '../support/intake-world.ts';
import { fixtureNow, seedReportFixture } from '../support/report-fixture.ts';

/** A production member, a logistics viewer and a manager, besides the admin. */
const piotr = 'U0PIOTR';
const vic = 'U0VIC';
const mona = 'U0MONA';
let flow: Flow;

beforeEach(async () => {
  flow = await startFlow();
  const { production, logistics } = await seedReportFixture(flow.database.db);
  for (const [id, name] of [
    [piotr, 'piotr'],
    [vic, 'vic'],
    [mona, 'mona'],
  ] as const) {
    flow.slack.addUser({ id, name });
  }
  await flow.database.db.insert(peopleTable).values([
    { slackUserId: piotr, roles: ['member'], departmentId: production.id, updatedAt: fixtureNow },
    { slackUserId: vic, roles: ['viewer'], departmentId: logistics.id, updatedAt: fixtureNow },
    { slackUserId: mona, roles: ['manager'], updatedAt: fixtureNow },
  ]);
  flow.clock.set(fixtureNow);
}, 60_000);
afterEach(() => flow.stop());

/** The command's first answer (its ack), then the report through response_url. */
async function report(user: string, text: string) {
  const before = flow.slack.workspace.ephemerals({ user }).length;
  const ack = JSON.stringify((await flow.driver.command(user, text)).body);
  const answer = await eventually(
    () =>
      flow.slack.workspace
        .ephemerals({ user })
        .slice(before)
        .find((e) => !e.text.includes('Working on')),
    'the report',
    15_000,
  );
  return { ack, answer: `${answer.text}\n${JSON.stringify(answer.blocks ?? [])}` };
}
const refusal = async (user: string, text: string) =>
  JSON.stringify((await flow.driver.command(user, text)).body);

describe('/order report: the desk’s figures, charts and CSV', () => {
  it('an admin’s November: acknowledged at once, the figures through response_url, three charts and the CSV in the DM', async () => {
    const { ack, answer } = await report(people.admin, 'report month');
    expect(ack).toContain('Working on your report for 2026-11');
    expect(answer).toContain('Report 2026-11: 5 orders, 380.00, on time in full 66.7 %');
    expect(answer).toContain('Production: mean 42 h, median 42 h, p90 46.8 h ← bottleneck');
    expect(answer).toContain('2 open now, 1 overdue');
    expect(answer).toContain('3.50 ★ from 2');

    // The charts are drawn after the answer, then go out through the outbox.
    await eventually(
      async () => (await flow.database.db.select().from(outbox)).length >= 4,
      'the files queued',
      15_000,
    );
    await flow.drainOutbox();
    const dm = flow.slack.workspace.openIm(people.admin).channel.id;
    const shared = flow.slack.messages(dm).flatMap((m) => m.files ?? []);
    expect(shared.map((f) => f.name)).toEqual([
      'orders-per-week.png',
      'time-per-stage.png',
      'on-time-trend.png',
      'report.csv',
    ]);
    const files = flow.slack.files.all();
    for (const png of files.filter((f) => f.name.endsWith('.png'))) {
      expect(png.png).toEqual({ width: 800, height: 400 });
    }
    const csv = files.find((f) => f.name === 'report.csv')?.bytes?.toString('utf8') ?? '';
    expect(csv.split('\n')).toEqual(
      expect.arrayContaining([
        'orders,all,orders,5',
        'orders,all,value,380',
        'stage,Production,p90_hours,46.8',
      ]),
    );
  });

  it('a department member sees their department’s orders; another department is refused', async () => {
    const { answer } = await report(piotr, 'report month');
    expect(answer).toContain('Report 2026-11 · department production: 3 orders, 350.00');

    expect(await refusal(piotr, 'report month department logistics')).toContain(
      'You can see reports for your own department (production) only',
    );
  });

  it('a viewer is refused, even for the department they are in; a manager may ask for any', async () => {
    expect(await refusal(vic, 'report month department logistics')).toContain(
      'Only a manager or a department member can see reports.',
    );
    const { answer } = await report(mona, 'report month department production');
    expect(answer).toContain('Report 2026-11 · department Production: 3 orders');
  });

  it('bad input is said plainly: unknown names with the closest, a period backwards or too long, an empty period', async () => {
    expect(await refusal(people.admin, 'report month customer ACMF')).toContain(
      'There is no customer \\"ACMF\\". Did you mean `ACME`',
    );
    expect(await refusal(people.admin, 'report month department prodution')).toContain(
      'Did you mean `production`',
    );
    expect(await refusal(people.admin, 'report 2026-12-01..2026-11-01')).toContain(
      'The period starts (2026-12-01) after it ends (2026-11-01)',
    );
    expect(await refusal(people.admin, 'report 2010-01-01..2026-01-01')).toContain('more than 10 years');
    expect(await refusal(people.admin, 'report yesterday')).toContain(
      'I don’t know the period'.replace('’', "'"),
    );

    const { answer } = await report(people.admin, 'report 2025-01-01..2025-01-31');
    expect(answer).toContain(
      'No orders were received in 2025-01-01 to 2025-01-31, so there is nothing to chart.',
    );
    await flow.drainOutbox();
    expect(flow.slack.callsTo('files.getUploadURLExternal')).toEqual([]);
  });

  it('one report at a time per person', async () => {
    await flow.database.db.insert(reportRuns).values({ userId: people.admin, startedAt: fixtureNow });
    expect(await refusal(people.admin, 'report month')).toContain(
      'Your last report or forecast is still being made',
    );
    const { answer } = await report(mona, 'report month');
    expect(answer).toContain('5 orders');
  });
});
