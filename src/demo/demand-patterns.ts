import type { SeededRandom } from './seeded-random.ts';

/**
 * How a product's weekly demand behaves, for generated history: a level that grows, a yearly
 * wave, noise, and for spare parts and made-to-order work, weeks without any order.
 */
export interface DemandPattern {
  /** Mean units a week at the start. */
  base: number;
  /** Growth of the level over a year, as a share (0.2: +20 % a year). */
  growthPerYear: number;
  /** Height of the yearly wave as a share of the level (0.4: ±40 %). */
  seasonality: number;
  /** Week of the year (0–51) when demand peaks. */
  peakWeek: number;
  /** Chance of any order in a week: 1 for steady demand, low for intermittent. */
  orderChance: number;
  /** Spread of a week's quantity around its mean, as a share. */
  noise: number;
}

/**
 * `weeks` weeks of whole quantities for a pattern, starting in week of the year `startWeek`.
 * An intermittent week's order carries the demand of the weeks without one, so the mean rate
 * is the pattern's either way.
 */
export function weeklyQuantities(
  pattern: DemandPattern,
  weeks: number,
  startWeek: number,
  random: SeededRandom,
): number[] {
  return Array.from({ length: weeks }, (_, t) => {
    if (!random.chance(pattern.orderChance)) return 0;
    const level = pattern.base * (1 + (pattern.growthPerYear * t) / 52);
    const wave = 1 + pattern.seasonality * Math.cos((2 * Math.PI * (startWeek + t - pattern.peakWeek)) / 52);
    const jitter = 1 + pattern.noise * (random.next() * 2 - 1);
    return Math.max(0, Math.round((level * wave * jitter) / pattern.orderChance));
  });
}
