import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments, people as peopleTable } from '../../src/db/schema.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';

const erin = 'U0ERIN';

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
  flow.slack.addUser({ id: erin, name: 'erin' });
  await flow.database.db
    .insert(departments)
    .values({ key: 'production', name: 'Production', dailyCapacity: 10 });
});
afterAll(() => flow.stop());

const said = (body: unknown) => (body as { text?: string }).text ?? '';

describe('roles, granted from Slack', () => {
  it('someone who is not an admin is told which role granting needs', async () => {
    const res = await flow.driver.command(people.dana, `grant <@${people.dana}|dana> admin`);
    expect(res.status).toBe(200);
    expect(said(res.body)).toBe(
      ':no_entry: Only an admin can grant roles. Ask an admin of orderdesk if you need to.',
    );
    expect(await flow.database.db.select().from(peopleTable)).toEqual([]);
  });

  it('an admin named in ORDERDESK_ADMINS makes dana a production member from the first start', async () => {
    const res = await flow.driver.command(people.admin, `grant <@${people.dana}|dana> member production`);
    expect(said(res.body)).toBe(`:white_check_mark: <@${people.dana}> now has: member.`);
    const [dana] = await flow.database.db
      .select()
      .from(peopleTable)
      .where(eq(peopleTable.slackUserId, people.dana));
    expect(dana?.roles).toEqual(['member']);
    expect(dana?.departmentId).not.toBeNull();
  });

  it('a member role without a department, or an unknown department, is explained', async () => {
    const none = await flow.driver.command(people.admin, `grant <@${people.dana}|dana> member`);
    expect(said(none.body)).toContain('Say which department');
    const unknown = await flow.driver.command(people.admin, `grant <@${people.dana}|dana> member bakery`);
    expect(said(unknown.body)).toBe(':warning: There is no department "bakery". Departments: production.');
  });

  it('bad arguments get one line naming each problem and the usage', async () => {
    const res = await flow.driver.command(people.admin, 'grant dana wizard');
    expect(said(res.body)).toBe(
      ':warning: "dana" is not a person: mention them, like @dana; the role must be one of admin, manager, member, viewer. ' +
        'Usage: `/order grant @person admin|manager|member|viewer [department]`',
    );
  });

  it('an admin can revoke a role, and revoking one they do not have says so', async () => {
    await flow.driver.command(people.admin, `grant <@${people.dana}|dana> manager`);
    const res = await flow.driver.command(people.admin, `revoke <@${people.dana}|dana> manager`);
    expect(said(res.body)).toBe(`:white_check_mark: <@${people.dana}> now has: member.`);
    const again = await flow.driver.command(people.admin, `revoke <@${people.dana}|dana> manager`);
    expect(said(again.body)).toBe(`:warning: <@${people.dana}> does not have the manager role.`);
  });

  it('granting member to a viewer replaces viewer, and the reply says so', async () => {
    await flow.driver.command(people.admin, `grant <@${erin}|erin> viewer`);
    const res = await flow.driver.command(people.admin, `grant <@${erin}|erin> member production`);
    expect(said(res.body)).toBe(
      `:white_check_mark: <@${erin}> now has: member (replaces viewer: a viewer holds no other role).`,
    );
    const [row] = await flow.database.db.select().from(peopleTable).where(eq(peopleTable.slackUserId, erin));
    expect(row?.roles).toEqual(['member']);
  });

  it('granting viewer to an admin and member replaces both, and their department', async () => {
    await flow.driver.command(people.admin, `grant <@${erin}|erin> admin`);
    const res = await flow.driver.command(people.admin, `grant <@${erin}|erin> viewer`);
    expect(said(res.body)).toBe(
      `:white_check_mark: <@${erin}> now has: viewer (replaces admin, member: a viewer holds no other role).`,
    );
    const [row] = await flow.database.db.select().from(peopleTable).where(eq(peopleTable.slackUserId, erin));
    expect(row).toMatchObject({ roles: ['viewer'], departmentId: null });
  });

  it('granting the same role twice changes nothing the second time', async () => {
    await flow.driver.command(people.admin, `grant <@${erin}|erin> manager`);
    const res = await flow.driver.command(people.admin, `grant <@${erin}|erin> manager`);
    expect(said(res.body)).toBe(`:white_check_mark: <@${erin}> now has: manager.`);
  });

  it('an admin cannot make themselves a viewer', async () => {
    await flow.driver.command(people.admin, `grant <@${erin}|erin> admin`);
    const res = await flow.driver.command(erin, `grant <@${erin}|erin> viewer`);
    expect(said(res.body)).toContain('would take away your own admin role');
  });

  it('a guest from another organisation can never act, even with a role on record', async () => {
    await flow.database.db
      .insert(peopleTable)
      .values({ slackUserId: people.guest, roles: ['admin'], updatedAt: new Date() });
    const res = await flow.driver.command(people.guest, `grant <@${people.dana}|dana> admin`);
    expect(said(res.body)).toBe(':no_entry: orderdesk only takes actions from members of its own workspace.');
  });
});
