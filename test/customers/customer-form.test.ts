import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '../../src/db/schema.ts';
import type { FakeView } from '../../src/sandbox/fake-slack/index.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { openForm, said, storedRow } from './form-flow.ts';

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
});
afterAll(() => flow.stop());

const stored = (code: string) => storedRow(flow, customers, customers.code, code);

const element = (view: FakeView, blockId: string) =>
  view.blocks.find((b) => b.block_id === blockId)?.element as Record<string, unknown> | undefined;

const sakura = '株式会社さくら 🌸 <Sakura> & "Co" *bold*';

describe('an admin adds a customer through the form', () => {
  it('opens the form with the typed code in capitals, and stores what was typed exactly', async () => {
    const view = await openForm(flow, people.admin, 'customer add sakura-jp');
    expect(view.callback_id).toBe('customer_save');
    expect(element(view, 'code')?.initial_value).toBe('SAKURA-JP');

    const res = await flow.driver.submitView(people.admin, view, {
      name: { value: sakura },
      credit_limit: { value: '25000.5' },
      outstanding: { value: '1200' },
      payment_methods: { value: ['net30', 'prepaid'] },
      tier: { value: 'gold' },
      account_owner_id: { value: people.dana },
    });

    expect(res.problems).toEqual([]);
    expect(res.body).toBe('');
    expect(flow.slack.views.top(people.admin)).toBeUndefined();
    expect(await stored('SAKURA-JP')).toMatchObject({
      name: sakura,
      creditLimitCents: 2_500_050,
      outstandingCents: 120_000,
      creditStop: false,
      paymentMethods: ['prepaid', 'net30'],
      tier: 'gold',
      accountOwnerId: people.dana,
      connectChannelId: null,
      createdAt: flow.clock.now(),
    });
  });

  it('tells the admin by DM, with the name escaped', async () => {
    await flow.drainOutbox();
    const dm = flow.slack.workspace.openIm(people.admin).channel.id;
    const [message] = flow.slack.messages(dm);
    expect(message?.text).toBe(
      ':white_check_mark: Customer *SAKURA-JP* (株式会社さくら 🌸 &lt;Sakura&gt; &amp; "Co" *bold*) added.',
    );
  });

  it('keeps SQL-looking text as typed', async () => {
    const view = await openForm(flow, people.admin, 'customer add');
    const name = "Robert'); DROP TABLE customers; --";
    await flow.driver.submitView(people.admin, view, {
      code: { value: 'bobby_tables' },
      name: { value: name },
      credit_limit: { value: '0' },
      payment_methods: { value: ['prepaid'] },
    });
    expect(await stored('BOBBY_TABLES')).toMatchObject({ name, creditLimitCents: 0, tier: 'standard' });
  });
});

describe('bad input is shown under the input it is about, and nothing is stored', () => {
  it('names each bad field and its rule', async () => {
    const view = await openForm(flow, people.admin, 'customer add');
    const res = await flow.driver.submitView(people.admin, view, {
      code: { value: 'AC ME!' },
      name: { value: 'x'.repeat(3000) },
      credit_limit: { value: '1e309' },
      outstanding: { value: '-5' },
      payment_methods: { value: [] },
    });

    expect(res.problems).toEqual([]);
    expect(flow.slack.views.errors(view.id)).toEqual({
      // The top input also names every field below that needs fixing: the rest may be out of sight.
      code:
        '"AC ME!" is not a valid customer code: use 1–32 letters, digits, - or _ — also fix below: ' +
        'Name, Credit limit, Outstanding receivables, Allowed payment methods',
      name: 'Name is 3000 characters long; at most 200 are allowed',
      credit_limit:
        '"1e309" is not an amount: credit limit takes digits with at most two decimals, like 2500.00',
      outstanding: 'Outstanding receivables cannot be negative ("-5")',
      payment_methods: 'Choose at least one of the payment methods',
    });
    expect(flow.slack.views.top(people.admin)?.id).toBe(view.id);
    expect(await flow.database.db.select().from(customers)).toHaveLength(2);
  });

  it('an error far down the form is also named at its top, where the admin is looking', async () => {
    const view = await openForm(flow, people.admin, 'customer add');
    await flow.driver.submitView(people.admin, view, {
      code: { value: 'FARDOWN' },
      name: { value: 'Far Down Ltd' },
      credit_limit: { value: '10' },
      payment_methods: { value: [] },
    });
    expect(flow.slack.views.errors(view.id)).toEqual({
      code: 'One field needs fixing below: Allowed payment methods',
      payment_methods: 'Choose at least one of the payment methods',
    });
  });

  it.each([
    ['NaN', '"NaN" is not an amount'],
    ['12.345', 'Credit limit has at most two decimals (cents); "12.345" has more'],
    ['99999999999999', 'Credit limit must be at most 1,000,000,000.00'],
    ['', 'Credit limit is required'],
  ])('credit limit %j is refused', async (typed, message) => {
    const view = await openForm(flow, people.admin, 'customer add');
    await flow.driver.submitView(people.admin, view, {
      code: { value: 'NEWCO' },
      name: { value: 'New Co' },
      credit_limit: { value: typed },
      payment_methods: { value: ['cod'] },
    });
    expect(flow.slack.views.errors(view.id).credit_limit).toContain(message);
    expect(await stored('NEWCO')).toBeUndefined();
  });

  it.each([
    ['spaces only', '   ', 'Name is required'],
    ['zero-width characters only', '\u200b\u200d\ufeff', 'Name has only invisible characters'],
    ['a Hangul filler and a word joiner', '\u3164\u2060 ', 'Name has only invisible characters'],
  ])('a name of %s is refused under the name', async (_what, typed, message) => {
    const view = await openForm(flow, people.admin, 'customer add');
    await flow.driver.submitView(people.admin, view, {
      code: { value: 'GHOST' },
      name: { value: typed },
      credit_limit: { value: '10' },
      payment_methods: { value: ['cod'] },
    });
    expect(flow.slack.views.errors(view.id).name).toContain(message);
    expect(await stored('GHOST')).toBeUndefined();
  });

  it('a code that is taken is refused under the code, and the form stays open', async () => {
    const view = await openForm(flow, people.admin, 'customer add');
    const res = await flow.driver.submitView(people.admin, view, {
      code: { value: 'Sakura-JP' },
      name: { value: 'Another' },
      credit_limit: { value: '10' },
      payment_methods: { value: ['cod'] },
    });
    expect(res.problems).toEqual([]);
    expect(flow.slack.views.errors(view.id)).toEqual({
      code: 'There is already a customer SAKURA-JP. Change it with /order customer edit SAKURA-JP.',
    });
    expect((await stored('SAKURA-JP'))?.name).toBe(sakura);
  });

  it('`add` with a code that is taken says so instead of opening the form', async () => {
    const res = await flow.driver.command(people.admin, 'customer add sakura-jp');
    expect(said(res.body)).toBe(
      ':warning: There is already a customer SAKURA-JP. Change it with /order customer edit SAKURA-JP.',
    );
  });
});

describe('only admins change customers', () => {
  it.each([
    ['customer add', 'add customers'],
    ['customer edit SAKURA-JP', 'edit customers'],
  ])('`%s` from a non-admin is refused privately, with no form', async (text, what) => {
    const res = await flow.driver.command(people.dana, text);
    expect(res.problems).toEqual([]);
    expect(said(res.body)).toBe(
      `:no_entry: Only an admin can ${what}. Ask an admin of orderdesk if you need to.`,
    );
    expect(res.body).toMatchObject({ response_type: 'ephemeral' });
    expect(flow.slack.views.top(people.dana)).toBeUndefined();
  });
});

describe('a form submitted by someone who is not an admin', () => {
  it('is refused inside the form, and nothing is stored', async () => {
    const view = await openForm(flow, people.admin, 'customer add');
    const res = await flow.driver.submitView(people.dana, view, {
      code: { value: 'SNEAKY' },
      name: { value: 'Sneaky' },
      credit_limit: { value: '1' },
      payment_methods: { value: ['cod'] },
    });
    expect(res.problems).toEqual([]);
    expect(flow.slack.views.errors(view.id)).toEqual({
      code: 'Only an admin can add customers. Ask an admin of orderdesk if you need to.',
    });
    expect(await stored('SNEAKY')).toBeUndefined();
    await flow.driver.closeView(people.admin, view);
  });
});

describe('an admin edits a customer', () => {
  it('opens the form prefilled, and saves the change', async () => {
    const view = await openForm(flow, people.admin, 'customer edit sakura-jp');
    expect(view.title?.text).toBe('Edit customer');
    expect(element(view, 'code')).toBeUndefined();
    expect(element(view, 'name')?.initial_value).toBe(sakura);
    expect(element(view, 'credit_limit')?.initial_value).toBe('25000.50');
    expect(element(view, 'account_owner_id')?.initial_user).toBe(people.dana);

    flow.clock.advance(60_000);
    const res = await flow.driver.submitView(people.admin, view, {
      credit_limit: { value: '30000' },
      credit_stop: { value: ['credit_stop'] },
    });

    expect(res.problems).toEqual([]);
    expect(res.body).toBe('');
    const row = await stored('SAKURA-JP');
    expect(row).toMatchObject({
      name: sakura,
      creditLimitCents: 3_000_000,
      outstandingCents: 120_000,
      creditStop: true,
      paymentMethods: ['prepaid', 'net30'],
      tier: 'gold',
      updatedAt: flow.clock.now(),
    });
    expect(row?.createdAt.getTime()).toBeLessThan(flow.clock.now().getTime());
  });

  it('an unknown code is named', async () => {
    const res = await flow.driver.command(people.admin, 'customer edit nope');
    expect(said(res.body)).toBe(':warning: There is no customer NOPE. Add it with /order customer add NOPE.');
  });
});

describe('`/order customer` otherwise', () => {
  it('`customer frob` looks for a customer by that code or name, and says there is none', async () => {
    const res = await flow.driver.command(people.admin, 'customer frob');
    expect(said(res.body)).toContain('There is no customer “frob”.');
  });

  it.each(['customer', 'customer edit', 'customer edit a b'])('`%s` answers the usage', async (text) => {
    const res = await flow.driver.command(people.admin, text);
    expect(said(res.body)).toContain('`/order customer add [CODE]`');
    expect(said(res.body)).toContain('`/order customer show CODE`');
  });

  it('a code that could never exist is explained, escaped', async () => {
    const res = await flow.driver.command(people.admin, 'customer show <b>');
    expect(said(res.body)).toContain(
      ':warning: "&lt;b&gt;" is not a valid customer code: use 1–32 letters, digits, - or _.',
    );
  });

  it('`show` gives the customer view: terms, limit, receivables, available credit, tier and owner', async () => {
    const res = await flow.driver.command(people.admin, 'customer show sakura-jp');
    expect(res.problems).toEqual([]);
    const shown = JSON.stringify(res.body);
    for (const part of [
      'Gold',
      'Prepaid, Net 30 days',
      '30,000.00',
      '1,200.00',
      '28,800.00',
      `<@${people.dana}>`,
    ]) {
      expect(shown).toContain(part);
    }
  });

  it('`show` is refused to a viewer', async () => {
    const res = await flow.driver.command(people.dana, 'customer show sakura-jp');
    expect(said(res.body)).toContain(
      ':no_entry: Only a manager or a department member can look up customers.',
    );
  });
});
