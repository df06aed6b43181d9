import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCustomers, demoProducts } from '../../src/demo/demo-data.ts';
import { parseOneLiner } from '../../src/intake/one-liner/one-line-parser.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
});
afterAll(() => flow.stop());

describe('/order help’s examples work on the demo desk', () => {
  it('the one-line example names a demo customer and demo products, in quantities they sell in', async () => {
    const help = JSON.stringify((await flow.driver.command(people.dana, 'help')).body);
    const example = /e\.g\. `\/order new ([^`]+)`/.exec(help)?.[1];
    expect(example).toBeDefined();
    const { draft, notUnderstood } = parseOneLiner(example ?? '');
    expect(notUnderstood).toEqual([]);
    expect(demoCustomers.map((c) => c.code)).toContain(draft.customerCode);
    expect(draft.lines.length).toBeGreaterThan(0);
    for (const line of draft.lines) {
      const product = demoProducts.find((p) => p.sku === line.sku);
      expect(product, line.sku ?? 'no SKU').toBeDefined();
      const quantity = Number(line.quantity);
      expect(quantity).toBeGreaterThanOrEqual(product?.minOrderQty ?? 1);
      expect(quantity % (product?.packSize ?? 1)).toBe(0);
    }
  });
});
