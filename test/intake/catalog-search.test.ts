import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeView } from '../../src/sandbox/fake-slack/index.ts';
import { aCustomer, aProduct } from '../support/factories.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { openModal, seedIntakeWorld } from '../support/intake-world.ts';

let flow: Flow;
let modal: FakeView;
beforeAll(async () => {
  flow = await startFlow();
  await seedIntakeWorld(flow);
  await aCustomer(flow.database.db, { code: 'ZEN-01', name: 'Zenith Supply' });
  await aCustomer(flow.database.db, { code: 'BAC-01', name: 'Back Bay Acme Trading' });
  await aCustomer(flow.database.db, { code: '100%', name: 'Hundred Percent Ltd' });
  await aProduct(flow.database.db, { sku: 'BOLT-M12X50-ZN', name: 'Bolt M12x50 zinc', listPriceCents: 80 });
  await flow.driver.command(people.admin, 'new');
  modal = await openModal(flow);
});
afterAll(() => flow.stop());

type Options = { options: { value: string; text: { text: string } }[] };
const customersFor = async (typed: string) =>
  (
    (await flow.driver.suggest(people.admin, modal, 'customer', 'customer', typed)).body as Options
  ).options.map((o) => o.value);
const productsFor = async (typed: string) =>
  (
    (await flow.driver.suggest(people.admin, modal, 'product', 'line.0.product', typed)).body as Options
  ).options.map((o) => o.value);

describe('the order modal searches the catalog as the admin types', () => {
  it('lists customers whose code starts with the text first, then those whose name contains it', async () => {
    expect(await customersFor('acme')).toEqual(['ACME', 'BAC-01']);
    expect(await customersFor('supply')).toEqual(['ZEN-01']);
  });

  it('one or two characters find codes and names that start with them, not every name holding the letter', async () => {
    expect(await customersFor('ac')).toEqual(['ACME']);
    expect(await customersFor('z')).toEqual(['ZEN-01']);
    expect(await customersFor('n')).toEqual(['NEARLY']);
  });

  it('a % typed is looked for literally', async () => {
    expect(await customersFor('100%')).toEqual(['100%']);
    expect(await customersFor('%')).toEqual([]);
  });

  it('a middle segment of a SKU finds the product (M12X50 finds BOLT-M12X50-ZN)', async () => {
    expect(await productsFor('M12X50')).toEqual(['BOLT-M12X50-ZN']);
    expect(await productsFor('bolt')).toEqual(['BOLT-M12X50-ZN', 'BOLT-M8']);
  });
});
