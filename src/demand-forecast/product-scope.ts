/**
 * What a forecast is about: one product, one category's products, or every product. The same
 * choice as typed (`ForecastTarget`: a SKU, a category's name) and as found (`DemandScope`).
 */
export type ProductScope<Product, Category> =
  | ({ kind: 'product' } & Product)
  | ({ kind: 'category' } & Category)
  | { kind: 'all' };
