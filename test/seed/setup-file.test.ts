import { readFile } from 'node:fs/promises';
import { WebClient } from '@slack/web-api';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { allocationRules, departments, deskChannels, holidays, people } from '../../src/db/schema.ts';
import { slackChannelLookup } from '../../src/demo/slack-channel-lookup.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/fake-slack/index.ts';
import { formatProblem } from '../../src/setup/read-setup-file.ts';
import { runSetup, type SetupOutcome } from '../../src/setup/run-setup.ts';
import { botToken } from '../support/outbox-harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let slack: FakeSlack;
let lookup: ReturnType<typeof slackChannelLookup>;
const clock = new ManualClock('2026-11-27T07:00:00Z');
const channelIds: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  slack = await startFakeSlack({ clock, botToken });
  for (const name of ['finance', 'production', 'qa', 'logistics', 'managers', 'exceptions']) {
    channelIds[name] = slack.addChannel({ name, is_member: true }).id;
  }
  lookup = slackChannelLookup(new WebClient(botToken, { slackApiUrl: slack.apiUrl }));
});
afterAll(async () => {
  await slack.stop();
  await database.close();
});

const example = () => readFile(new URL('../../docs/setup.example.yml', import.meta.url), 'utf8');
const setUp = (text: string) => runSetup(database.db, text, { clock, channels: lookup });
const stored = async () => ({
  departments: await database.db.select().from(departments).orderBy(asc(departments.key)),
  people: await database.db.select().from(people).orderBy(asc(people.slackUserId)),
  rules: await database.db.select().from(allocationRules).orderBy(asc(allocationRules.position)),
});
const linesOf = (outcome: SetupOutcome) =>
  outcome.ok ? [] : outcome.problems.map((p) => formatProblem('setup.yml', p));

describe('npm run db:seed -- setup FILE.yml', () => {
  it('a good file stores its departments (channels looked up), people and rules', async () => {
    const outcome = await setUp(await example());
    expect(outcome).toMatchObject({
      ok: true,
      channelsResolved: true,
      report: {
        departments: { added: 4, updated: 0, unchanged: 0 },
        people: { added: 6, updated: 0, unchanged: 0 },
        rules: { added: 2, updated: 0, unchanged: 0, removed: 0 },
      },
    });
    const { departments: depts, people: folks, rules } = await stored();
    expect(depts.map((d) => [d.key, d.channelId, d.dailyCapacity, d.capacityUnit, d.managerId])).toEqual([
      ['finance', channelIds.finance, 60, 'orders', 'U0DEMOMGR'],
      ['logistics', channelIds.logistics, 25, 'orders', null],
      ['production', channelIds.production, 400, 'units', 'U0DEMOMGR'],
      ['qa', channelIds.qa, 30, 'orders', null],
    ]);
    const qa = depts.find((d) => d.key === 'qa');
    expect(folks.find((p) => p.slackUserId === 'U0DEMOQA')).toMatchObject({
      name: 'Quinn QA',
      roles: ['member'],
      departmentId: qa?.id,
      away: false,
    });
    expect(rules.map((r) => [r.position, r.name, r.conditions, r.route])).toEqual([
      [
        1,
        'Prepaid custom work',
        { categories: ['custom'], paymentMethods: ['prepaid'] },
        [
          { department: 'finance', pick: 'round_robin' },
          { department: 'production', pick: 'least_open' },
          { department: 'qa', pick: 'round_robin' },
          { department: 'logistics', pick: 'fixed', personId: 'U0DEMOLOG' },
        ],
      ],
      [
        2,
        'Large orders for key customers',
        { minValueCents: 1_000_000, tiers: ['gold', 'strategic'], maxDaysUntilDelivery: 14 },
        [
          { department: 'production', pick: 'round_robin' },
          { department: 'qa', pick: 'round_robin' },
          { department: 'logistics', pick: 'round_robin' },
        ],
      ],
    ]);
  });

  it('running the same file again changes nothing', async () => {
    const before = await stored();
    clock.advance(60_000);
    const again = await setUp(await example());
    expect(again).toMatchObject({
      ok: true,
      report: {
        departments: { added: 0, updated: 0, unchanged: 4 },
        people: { added: 0, updated: 0, unchanged: 6 },
        rules: { added: 0, updated: 0, unchanged: 2, removed: 0 },
      },
    });
    expect(await stored()).toEqual(before);
  });

  it('the file’s rules replace the stored ones; a file without rules leaves them alone', async () => {
    const oneRule = `rules:\n  - name: Everything via QA\n    route: [qa, logistics]\n`;
    expect(await setUp(oneRule)).toMatchObject({ ok: true, report: { rules: { updated: 1, removed: 1 } } });
    expect((await stored()).rules.map((r) => [r.position, r.name])).toEqual([[1, 'Everything via QA']]);
    expect(
      await setUp(
        'people:\n  - id: U0DEMOQA\n    name: Quinn QA\n    roles: [member]\n    department: qa\n    away: true\n',
      ),
    ).toMatchObject({
      ok: true,
      report: { people: { updated: 1 }, rules: null },
    });
    expect((await stored()).rules).toHaveLength(1);
  });

  it('the holidays and the desk channels are stored; a list replaces the holidays, none leaves them', async () => {
    expect(await setUp(await example())).toMatchObject({ ok: true, report: { holidays: 2 } });
    expect(await database.db.select().from(holidays).orderBy(asc(holidays.date))).toEqual([
      { date: '2026-12-24', name: '' },
      { date: '2026-12-25', name: 'Christmas Day' },
    ]);
    expect(await database.db.select().from(deskChannels).orderBy(asc(deskChannels.purpose))).toEqual([
      { purpose: 'exceptions', channelName: 'exceptions', channelId: channelIds.exceptions },
      { purpose: 'managers', channelName: 'managers', channelId: channelIds.managers },
    ]);
    expect(await setUp('holidays: ["2027-01-01"]\n')).toMatchObject({ ok: true, report: { holidays: 1 } });
    expect(await setUp('people: []\n')).toMatchObject({ ok: true, report: { holidays: null } });
    expect((await database.db.select().from(holidays)).map((h) => h.date)).toEqual(['2027-01-01']);
  });

  it('a holiday that is no date, a date listed twice and a managers channel the workspace lacks name their lines', async () => {
    const text = [
      'holidays:', //                 1
      '  - "2026-02-30"', //          2
      '  - "2026-12-25"', //          3
      '  - date: "2026-12-25"', //    4
      'channels:', //                 5
      '  managers: "#bosses"', //     6
    ].join('\n');
    expect(linesOf(await setUp(text))).toEqual([
      'setup.yml:2: holidays[0]: must be a date that exists, like "2026-12-24"',
      'setup.yml:4: holidays[2]: 2026-12-25 is listed twice',
    ]);
    expect(linesOf(await setUp('channels:\n  managers: "#bosses"\n'))).toEqual([
      'setup.yml:2: channels.managers: there is no channel #bosses in the workspace (a private one must have the bot invited)',
    ]);
  });

  it('a department without a daily capacity has no limit (stored as 0)', async () => {
    const text = 'departments:\n  - key: managers\n    name: Managers\n    channel: "#qa"\n';
    expect(await setUp(text)).toMatchObject({ ok: true, report: { departments: { added: 1 } } });
    const managers = (await stored()).departments.find((d) => d.key === 'managers');
    expect(managers).toMatchObject({ dailyCapacity: 0, channelId: channelIds.qa });
  });

  it('each problem in the shape of the file names its line; nothing is written', async () => {
    const before = await stored();
    const text = [
      'departments:', //                         1
      '  - key: paint', //                       2
      '    name: Paint shop', //                 3
      '    channel: #paint', //                  4  unquoted: a comment, so no channel
      '    daily_capacity: 0', //                5
      '  - key: Bad Key', //                     6
      '    name: Stores', //                     7
      '    channel: "#stores"', //               8
      '    daily_capacity: -3', //               9
      '    colour: blue', //                     10
      'people:', //                              11
      '  - id: dana', //                         12
      '    name: Dana', //                       13
      '    roles: [boss]', //                    14
      'rules:', //                               15
      '  - name: Anything', //                   16
      '    when:', //                            17
      '      min_value: lots', //                18
      '    route: [{department: qa, pick: sometimes}]', // 19
    ].join('\n');
    expect(linesOf(await setUp(text))).toEqual([
      'setup.yml:4: departments[0].channel: must be a channel name in quotes, like "#production" (unquoted, # starts a comment)',
      'setup.yml:5: departments[0].daily_capacity: must be a whole number above 0',
      'setup.yml:6: departments[1].key: must be lower-case letters, digits and single hyphens, like after-sales',
      'setup.yml:9: departments[1].daily_capacity: must be a whole number above 0',
      'setup.yml:10: departments[1].colour: is not a field here: check its spelling',
      'setup.yml:12: people[0].id: must be a Slack user id, like U012AB3CD',
      'setup.yml:14: people[0].roles[0]: must be one of admin, manager, member, viewer',
      'setup.yml:18: rules[0].when.min_value: must be an amount, like 1000.00 or 1000,00 (not lots)',
      'setup.yml:19: rules[0].route[0]: must be a department key, or {department, pick, person}',
    ]);
    expect(await stored()).toEqual(before);
  });

  it('broken YAML is reported at its line', async () => {
    expect(linesOf(await setUp('departments:\n  - key: qa\n    key: qb\n'))).toEqual([
      'setup.yml:3: not valid YAML: Map keys must be unique',
    ]);
  });

  it('what only the workspace can tell — a missing channel, department or member, a bad route — names its line too', async () => {
    const before = await stored();
    const text = [
      'departments:', //                         1
      '  - key: paint', //                       2
      '    name: Paint shop', //                 3
      '    channel: "#paint"', //                4  no such channel
      '    daily_capacity: 5', //                5
      '  - key: paint', //                       6  twice
      '    name: Paint again', //                7
      '    channel: "#qa"', //                   8
      '    daily_capacity: 5', //                9
      'people:', //                              10
      '  - id: U0PAM', //                        11
      '    name: Pam', //                        12
      '    roles: [member]', //                  13
      '    department: bakery', //               14 no such department
      'rules:', //                               15
      '  - name: Nowhere', //                    16
      '    route: []', //                        17 empty
      '  - name: Upside down', //                18
      '    when:', //                            19
      '      min_value: 500', //                 20
      '      max_value: "12,50"', //             21 below the lowest
      '    route:', //                           22
      '      - bakery', //                       23 no such department
      '      - department: logistics', //        24
      '        pick: fixed', //                  25 without a person
      '      - department: qa', //               26
      '        pick: fixed', //                  27
      '        person: U0DEMOLOG', //            28 not in qa
    ].join('\n');
    expect(linesOf(await setUp(text))).toEqual([
      'setup.yml:4: departments[0].channel: there is no channel #paint in the workspace (a private one must have the bot invited)',
      'setup.yml:6: departments[1].key: "paint" is already declared at departments[0]',
      'setup.yml:14: people[0].department: there is no department "bakery"',
      'setup.yml:17: rules[0].route: A rule needs a route: choose at least one department.',
      'setup.yml:21: rules[1].when.max_value: The highest order value is below the lowest: swap them or leave one empty.',
      'setup.yml:23: rules[1].route[0]: There is no department "bakery".',
      'setup.yml:24: rules[1].route[1]: A fixed pick needs a person: choose who in Logistics does this step.',
      'setup.yml:26: rules[1].route[2]: U0DEMOLOG is not a member of Quality assurance: choose one of its members.',
    ]);
    expect(await stored()).toEqual(before);
  });
});
