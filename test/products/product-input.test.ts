import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../../src/db/field-rules.ts';
import { productInputSchema, productToFields } from '../../src/products/product-input.ts';

const valid = {
  sku: 'hb-m12x50-8.8',
  name: 'Hex bolt M12×50',
  category: 'fasteners',
  unit: '',
  list_price: '0.42',
  pack_size: '',
  min_order_qty: '',
  lead_time_days: '',
  default_spec: '',
};

const errorsOf = (patch: Record<string, unknown>) => {
  const parsed = productInputSchema.safeParse({ ...valid, ...patch });
  return parsed.success ? {} : fieldErrors(parsed.error);
};

describe('the product schema', () => {
  it('stores the SKU in capitals and fills the defaults for what was left empty', () => {
    expect(productInputSchema.parse(valid)).toEqual({
      sku: 'HB-M12X50-8.8',
      name: 'Hex bolt M12×50',
      category: 'fasteners',
      unit: 'pcs',
      listPriceCents: 42,
      packSize: 1,
      minOrderQty: 1,
      leadTimeDays: 0,
      defaultSpec: '',
      guideUrl: null,
    });
  });

  it('keeps a multi-line specification exactly as typed, tabs and line breaks included', () => {
    const spec = '材料: SUS304\r\n\tpolished 🔩 <Ra 0.8>';
    expect(productInputSchema.parse({ ...valid, default_spec: spec }).defaultSpec).toBe(spec);
  });

  it.each([
    ['list_price', '0', 'List price must be more than 0'],
    ['list_price', '-0.01', 'List price cannot be negative ("-0.01")'],
    [
      'list_price',
      '1e309',
      '"1e309" is not an amount: list price takes digits with at most two decimals, like 2500.00',
    ],
    ['pack_size', '0', 'Pack size must be from 1 to 1,000,000; "0" is not'],
    ['pack_size', 'NaN', '"NaN" is not a whole number: pack size takes from 1 to 1,000,000'],
    ['min_order_qty', '-3', 'Minimum order quantity must be from 1 to 1,000,000; "-3" is not'],
    ['min_order_qty', '1e3', '"1e3" is not a whole number: minimum order quantity takes from 1 to 1,000,000'],
    ['lead_time_days', '366', 'Lead time (days) must be from 0 to 365; "366" is not'],
    ['lead_time_days', '9'.repeat(3000), 'Lead time (days) must be from 0 to 365'],
    [
      'category',
      'gizmos',
      '"gizmos" is not a category: use fasteners, bearings, hydraulics, pneumatics, electrical, consumables or custom',
    ],
    [
      'category',
      '',
      'Category is required: choose fasteners, bearings, hydraulics, pneumatics, electrical, consumables or custom',
    ],
    ['sku', 'A/B', '"A/B" is not a valid SKU: use 1–40 letters, digits, -, _ or .'],
    ['unit', 'x'.repeat(21), 'Unit is 21 characters long; at most 20 are allowed'],
    ['default_spec', 'a\u0000b', 'Default specification cannot contain control characters'],
  ])('refuses %s %j', (field, typed, message) => {
    expect(errorsOf({ [field]: typed })[field]).toContain(message);
  });

  it('accepts the category in any case and a 500-character specification', () => {
    const parsed = productInputSchema.parse({
      ...valid,
      category: ' Custom ',
      default_spec: '仕'.repeat(500),
    });
    expect(parsed.category).toBe('custom');
  });

  it('gives back what it was given, through the form values an edit is prefilled with', () => {
    const product = productInputSchema.parse({
      ...valid,
      unit: 'box',
      list_price: '1234.5',
      pack_size: '12',
      min_order_qty: '24',
      lead_time_days: '42',
      default_spec: 'line one\nline two',
      guide_url: 'https://example.com/guides/widget-a',
    });
    expect(productInputSchema.parse(productToFields(product))).toEqual(product);
  });

  it('takes an optional guide link, only as a web address', () => {
    expect(productInputSchema.parse({ ...valid, guide_url: '' }).guideUrl).toBeNull();
    expect(productInputSchema.parse({ ...valid, guide_url: ' https://x.example/g ' }).guideUrl).toBe(
      'https://x.example/g',
    );
    for (const bad of ['javascript:alert(1)', 'www.example.com', 'https://a.example/<b>'])
      expect(productInputSchema.safeParse({ ...valid, guide_url: bad }).error?.issues[0]?.message).toContain(
        'is not a web address',
      );
  });
});
