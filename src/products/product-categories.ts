import { labelledValues } from '../wording.ts';

/**
 * Product categories are a fixed list rather than free text because rules key off them (the
 * allocation of made-to-order work reads `custom`); a typo in free text would silently slip
 * past such a rule. Add a category here, and the form and the import offer it.
 */
export const productCategory = labelledValues({
  fasteners: 'Fasteners',
  bearings: 'Bearings',
  hydraulics: 'Hydraulics',
  pneumatics: 'Pneumatics',
  electrical: 'Electrical',
  consumables: 'Consumables',
  custom: 'Custom (made to order)',
});
export const { values: productCategories, labels: productCategoryLabels } = productCategory;
export type ProductCategory = (typeof productCategories)[number];

/** Made to order: no stock, production capacity is booked and lead times are long. */
export const madeToOrderCategory: ProductCategory = 'custom';
