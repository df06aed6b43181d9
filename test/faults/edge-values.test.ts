import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '../../src/db/schema.ts';
import { controlCharacterMessage } from '../../src/slack/control-characters.ts';
import { unreadableValueMessage } from '../../src/slack/reply-for-error.ts';
import { openForm, said } from '../customers/form-flow.ts';
import { aDepartment, cardIn, placeOrder } from '../support/department-world.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { eventually, seedIntakeWorld } from '../support/intake-world.ts';

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
  await seedIntakeWorld(flow);
});
afterAll(() => flow.stop());

describe('control characters in typed text are refused at the edge, with words, not :boom:', () => {
  it('a NUL byte in a form field: the field says what is wrong and nothing is stored', async () => {
    const view = await openForm(flow, people.admin, 'customer add NULCO');
    const res = await flow.driver.submitView(people.admin, view, {
      name: { value: 'Nul\u0000 Industries' },
      credit_limit: { value: '1000' },
      outstanding: { value: '0' },
      payment_methods: { value: ['net30'] },
      tier: { value: 'gold' },
    });
    expect(res.body).toEqual({ response_action: 'errors', errors: { name: controlCharacterMessage } });
    expect(res.problems).toEqual([]);
    const stored = await flow.database.db.select().from(customers).where(eq(customers.code, 'NULCO'));
    expect(stored).toEqual([]);
  });

  it('a control character in a command is answered privately with the same words', async () => {
    for (const text of ['customer add BELL\u0007CO', 'show SO-2026-\u0000001', 'new ACME\u001b[31m']) {
      const res = await flow.driver.command(people.admin, text);
      expect(res.problems).toEqual([]);
      expect(said(res.body)).toBe(`:warning: ${controlCharacterMessage}`);
    }
  });

  it("newlines and tabs pass the edge: the form's own rules decide about them", async () => {
    const view = await openForm(flow, people.admin, 'customer add TABCO');
    const res = await flow.driver.submitView(people.admin, view, {
      name: { value: 'Tab\tand\nnewline Ltd' },
      credit_limit: { value: '1000' },
      outstanding: { value: '0' },
      payment_methods: { value: ['net30'] },
      tier: { value: 'gold' },
    });
    // The name field has a rule of its own against line breaks; the edge leaves that to it.
    expect(JSON.stringify(res.body)).not.toContain(controlCharacterMessage);
  });
});

describe('ids in button values are bounded at the edge', () => {
  const production = { channel: 'C0PROD', member: 'U0PA' };

  it('a card button whose value is a huge id, or a huge version, is refused in words and changes nothing', async () => {
    await aDepartment(
      flow,
      { key: 'production', name: 'Production', channelId: production.channel, dailyCapacity: 10 },
      [production.member],
    );
    await aDepartment(flow, { key: 'logistics', name: 'Logistics', channelId: 'C0LOGI', dailyCapacity: 10 }, [
      'U0LOG',
    ]);
    const number = await placeOrder(flow);
    const card = cardIn(flow, production.channel, number);
    if (!card) throw new Error('no card in #production');
    for (const value of ['99999999999999999999:1', '1:99999999999', '9007199254740993:1', '0:1', '-1:1']) {
      const told = flow.slack.workspace.ephemerals({ user: production.member }).length;
      const res = await flow.driver.clickButton(production.member, {
        message: { channel: production.channel, ts: card.ts },
        action_id: 'step.accept',
        value,
      });
      expect(res.status).toBe(200);
      const reply = await eventually(
        () => flow.slack.workspace.ephemerals({ user: production.member })[told],
        `an answer to ${value}`,
      );
      expect(reply.text, value).toBe(`:warning: ${unreadableValueMessage}`);
    }
    expect(flow.logs.join('\n')).not.toContain('out of range');
  });
});
