import { describe, expect, it } from 'vitest';
import { checkRule } from '../../src/allocation/rules/rule-validation.ts';
import { roles } from '../../src/auth/roles.ts';
import { customerInputSchema, customerToFields } from '../../src/customers/customer-input.ts';
import {
  demoCustomerCodes,
  demoCustomers,
  demoCustomProductSku,
  demoDepartmentKeys,
  demoDepartments,
  demoPeople,
  demoProducts,
  demoRules,
} from '../../src/demo/demo-data.ts';
import { productInputSchema, productToFields } from '../../src/products/product-input.ts';

describe('the demo data', () => {
  it('has allocation rules an admin could have written: routes through the demo departments, categories it sells', () => {
    const departments = demoDepartments.map((d) => ({
      key: d.key,
      name: d.name,
      memberIds: demoPeople.filter((p) => p.departmentKey === d.key).map((p) => p.slackUserId),
    }));
    const categories = new Set(demoProducts.map((p) => p.category));
    for (const rule of demoRules) {
      const route = rule.route.map((s) => ({ ...s, personId: s.personId ?? null }));
      expect(checkRule({ ...rule, route }, departments)).toMatchObject({ ok: true });
      for (const c of rule.conditions.categories ?? []) expect(categories).toContain(c);
    }
  });

  it('is valid by the same rules as the forms and the import', () => {
    for (const c of demoCustomers) expect(customerInputSchema.parse(customerToFields(c))).toEqual(c);
    for (const p of demoProducts) expect(productInputSchema.parse(productToFields(p))).toEqual(p);
  });

  it('has at least 10 customers, one near its credit limit, one on credit stop, one with a non-ASCII name', () => {
    expect(demoCustomers.length).toBeGreaterThanOrEqual(10);
    expect(new Set(demoCustomers.map((c) => c.code)).size).toBe(demoCustomers.length);
    const byCode = (code: string) => demoCustomers.find((c) => c.code === code);
    const near = byCode(demoCustomerCodes.nearCreditLimit);
    if (!near) throw new Error('no customer near its credit limit');
    expect(near.outstandingCents / near.creditLimitCents).toBeGreaterThan(0.9);
    expect(near.outstandingCents).toBeLessThan(near.creditLimitCents);
    expect(byCode(demoCustomerCodes.onCreditStop)?.creditStop).toBe(true);
    expect(byCode(demoCustomerCodes.nonAscii)?.name).toMatch(/[^\x20-\x7e]/);
    expect(new Set(demoCustomers.map((c) => c.tier)).size).toBe(4);
  });

  it('has at least 30 products in at least 4 categories, with a made-to-order one on a long lead time', () => {
    expect(demoProducts.length).toBeGreaterThanOrEqual(30);
    expect(new Set(demoProducts.map((p) => p.sku)).size).toBe(demoProducts.length);
    expect(new Set(demoProducts.map((p) => p.category)).size).toBeGreaterThanOrEqual(4);
    const custom = demoProducts.find((p) => p.sku === demoCustomProductSku);
    expect(custom).toMatchObject({ category: 'custom' });
    expect(custom?.leadTimeDays).toBeGreaterThanOrEqual(28);
  });

  it('has the six departments, each with its channel, and people in every role and department', () => {
    expect(demoDepartments.map((d) => [d.key, d.channelName])).toEqual(demoDepartmentKeys.map((k) => [k, k]));
    expect(new Set(demoPeople.flatMap((p) => p.roles))).toEqual(new Set(roles));
    const staffed = demoPeople.filter((p) => p.departmentKey).map((p) => p.departmentKey);
    expect(new Set(staffed)).toEqual(new Set(demoDepartmentKeys));
  });
});
