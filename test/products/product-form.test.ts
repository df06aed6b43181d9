import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products } from '../../src/db/schema.ts';
import { openForm, said, storedRow } from '../customers/form-flow.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
});
afterAll(() => flow.stop());

const stored = (sku: string) => storedRow(flow, products, products.sku, sku);

const spec = '仕様: 亜鉛めっき 🔩\nDIN 933 <8.8> & "M12"';

describe('an admin adds a product through the form', () => {
  it('stores what was typed exactly, with the defaults for what was left empty', async () => {
    const view = await openForm(flow, people.admin, 'product add hb-m12x50-8.8');
    const res = await flow.driver.submitView(people.admin, view, {
      name: { value: 'Hex bolt M12×50, 8.8 — 六角ボルト' },
      category: { value: 'fasteners' },
      list_price: { value: '0.42' },
      pack_size: { value: '100' },
      default_spec: { value: spec },
    });
    expect(res.problems).toEqual([]);
    expect(res.body).toBe('');
    expect(await stored('HB-M12X50-8.8')).toMatchObject({
      name: 'Hex bolt M12×50, 8.8 — 六角ボルト',
      category: 'fasteners',
      unit: 'pcs',
      listPriceCents: 42,
      packSize: 100,
      minOrderQty: 1,
      leadTimeDays: 0,
      defaultSpec: spec,
    });
    await flow.drainOutbox();
    const dm = flow.slack.workspace.openIm(people.admin).channel.id;
    expect(flow.slack.messages(dm).map((m) => m.text)).toEqual([
      ':white_check_mark: Product *HB-M12X50-8.8* (Hex bolt M12×50, 8.8 — 六角ボルト) added.',
    ]);
  });

  it('names each bad field and its rule under its input, and stores nothing', async () => {
    const view = await openForm(flow, people.admin, 'product add');
    const res = await flow.driver.submitView(people.admin, view, {
      sku: { value: 'SKU WITH SPACE' },
      name: { value: '🔩'.repeat(201) },
      category: { value: 'bearings' },
      unit: { value: 'pcs\nbox' },
      list_price: { value: '0' },
      pack_size: { value: '0' },
      min_order_qty: { value: '2.5' },
      lead_time_days: { value: '366' },
      default_spec: { value: 'x'.repeat(501) },
    });
    expect(res.problems).toEqual([]);
    expect(flow.slack.views.errors(view.id)).toEqual({
      // The top input also names every field below that needs fixing: the rest may be out of sight.
      sku:
        '"SKU WITH SPACE" is not a valid SKU: use 1–40 letters, digits, -, _ or . — also fix below: ' +
        'Name, Unit, List price, Pack size, Minimum order quantity, Lead time (days), Default specification',
      name: 'Name is 201 characters long; at most 200 are allowed',
      unit: 'Unit cannot contain line breaks or control characters',
      list_price: 'List price must be more than 0',
      pack_size: 'Pack size must be from 1 to 1,000,000; "0" is not',
      min_order_qty: '"2.5" is not a whole number: minimum order quantity takes from 1 to 1,000,000',
      lead_time_days: 'Lead time (days) must be from 0 to 365; "366" is not',
      default_spec: 'Default specification is 501 characters long; at most 500 are allowed',
    });
    expect(await flow.database.db.select().from(products)).toHaveLength(1);
  });

  it('a SKU that is taken is refused under the SKU', async () => {
    const view = await openForm(flow, people.admin, 'product add');
    await flow.driver.submitView(people.admin, view, {
      sku: { value: 'hb-m12x50-8.8' },
      name: { value: 'Again' },
      category: { value: 'fasteners' },
      list_price: { value: '1' },
    });
    expect(flow.slack.views.errors(view.id)).toEqual({
      sku: 'There is already a product HB-M12X50-8.8. Change it with /order product edit HB-M12X50-8.8.',
    });
  });
});

describe('editing and looking up products', () => {
  it('a non-admin is refused privately, with no form', async () => {
    const res = await flow.driver.command(people.dana, 'product edit HB-M12X50-8.8');
    expect(said(res.body)).toBe(
      ':no_entry: Only an admin can edit products. Ask an admin of orderdesk if you need to.',
    );
    expect(flow.slack.views.top(people.dana)).toBeUndefined();
  });

  it('an admin gets the form prefilled and saves a change', async () => {
    const view = await openForm(flow, people.admin, 'product edit hb-m12x50-8.8');
    const initial = (id: string) =>
      (view.blocks.find((b) => b.block_id === id)?.element as Record<string, unknown>)?.initial_value;
    expect(initial('list_price')).toBe('0.42');
    expect(initial('pack_size')).toBe('100');
    expect(initial('default_spec')).toBe(spec);

    flow.clock.advance(1000);
    await flow.driver.submitView(people.admin, view, {
      lead_time_days: { value: '14' },
      unit: { value: 'box' },
    });
    expect(await stored('HB-M12X50-8.8')).toMatchObject({
      leadTimeDays: 14,
      unit: 'box',
      packSize: 100,
      updatedAt: flow.clock.now(),
    });
  });

  it('`show` gives the card, and an unknown SKU is named', async () => {
    const shown = await flow.driver.command(people.admin, 'product show HB-M12X50-8.8');
    expect(JSON.stringify(shown.body)).toContain('0.42 per box');
    const unknown = await flow.driver.command(people.admin, 'product edit nope-1');
    expect(said(unknown.body)).toBe(
      ':warning: There is no product NOPE-1. Add it with /order product add NOPE-1.',
    );
  });

  it('`/order product` alone answers its usage', async () => {
    const res = await flow.driver.command(people.admin, 'product');
    expect(said(res.body)).toContain('`/order product edit SKU`');
  });
});
