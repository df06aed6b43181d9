import type { ProductCategory } from '../products/product-categories.ts';
import type { DemandPattern } from './demand-patterns.ts';

/**
 * How each demo product sells, so the generated history has what a real desk's has: fasteners
 * peaking in the spring building season, hydraulic hoses with the farming season, electrical
 * parts growing fast towards the year's end, gloves and discs in winter, and spare pumps,
 * cylinders and made-to-order work ordered only now and then. Bases are in packs a week.
 */
const byCategory: Record<ProductCategory, Omit<DemandPattern, 'base'> & { packs: number }> = {
  fasteners: { packs: 30, growthPerYear: 0.15, seasonality: 0.35, peakWeek: 18, orderChance: 1, noise: 0.25 },
  bearings: { packs: 40, growthPerYear: 0.1, seasonality: 0.15, peakWeek: 40, orderChance: 1, noise: 0.2 },
  hydraulics: { packs: 12, growthPerYear: 0.05, seasonality: 0.4, peakWeek: 14, orderChance: 1, noise: 0.25 },
  pneumatics: { packs: 15, growthPerYear: 0.2, seasonality: 0.1, peakWeek: 10, orderChance: 1, noise: 0.2 },
  electrical: { packs: 10, growthPerYear: 0.3, seasonality: 0.2, peakWeek: 46, orderChance: 1, noise: 0.2 },
  consumables: { packs: 25, growthPerYear: 0.05, seasonality: 0.5, peakWeek: 2, orderChance: 1, noise: 0.3 },
  custom: { packs: 1, growthPerYear: 0, seasonality: 0, peakWeek: 0, orderChance: 0.15, noise: 0.5 },
};

/** Spare parts ordered every few weeks, whatever their category. */
const intermittent: Record<string, { packs: number; orderChance: number }> = {
  'BRG-22210-E': { packs: 2, orderChance: 0.3 },
  'HYD-CYL-50-300': { packs: 1.5, orderChance: 0.25 },
  'HYD-PUMP-G16': { packs: 0.8, orderChance: 0.2 },
};

export function demandPatternFor(product: {
  sku: string;
  category: string;
  packSize: number;
}): DemandPattern {
  const shape = byCategory[product.category as ProductCategory] ?? byCategory.custom;
  const rare = intermittent[product.sku];
  const packs = rare?.packs ?? shape.packs;
  return { ...shape, orderChance: rare?.orderChance ?? shape.orderChance, base: packs * product.packSize };
}
