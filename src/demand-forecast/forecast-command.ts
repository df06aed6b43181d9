import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { ProductScope } from './product-scope.ts';

export type ForecastTarget = ProductScope<{ sku: string }, { name: string }>;

export interface ForecastRequest {
  target: ForecastTarget;
  weeks: number;
}

export const forecastUsage = 'forecast [product SKU | category NAME] [weeks N]';
export const defaultForecastWeeks = 8;
/** Half a year: beyond it a weekly forecast from two years of orders says little. */
export const maxForecastWeeks = 26;

const weeksSchema = z.coerce
  .number({ error: 'weeks must be a whole number' })
  .int('weeks must be a whole number')
  .min(1, `weeks must be between 1 and ${maxForecastWeeks}`)
  .max(maxForecastWeeks, `weeks must be between 1 and ${maxForecastWeeks}`);

const word = z
  .string()
  .trim()
  .min(1)
  .max(80, 'that name is too long')
  .regex(/^[\p{L}\p{N}._/×-]+$/u, 'use the product SKU or the category name as shown');

/**
 * `/order forecast [product SKU | category NAME] [weeks N]`, the two parts in either order.
 * Anything else is refused with what was not understood and the usage.
 */
export function parseForecastCommand(args: string): ForecastRequest {
  const words = args.trim().split(/\s+/).filter(Boolean);
  let target: ForecastTarget = { kind: 'all' };
  let weeks = defaultForecastWeeks;
  const refuse = (why: string): never => {
    throw new AppError('invalid_input', `${why}. Usage: \`/order ${forecastUsage}\``);
  };
  for (let i = 0; i < words.length; i += 2) {
    const key = words[i]!.toLowerCase();
    const value = words[i + 1];
    if (value === undefined) refuse(`"${words[i]}" needs a value after it`);
    if (key === 'weeks') {
      const parsed = weeksSchema.safeParse(value);
      if (!parsed.success) refuse(parsed.error.issues[0]?.message ?? 'weeks is not a number');
      weeks = parsed.data ?? weeks;
    } else if (key === 'product' || key === 'category') {
      if (target.kind !== 'all') refuse('ask for one product or one category');
      const parsed = word.safeParse(value);
      if (!parsed.success) refuse(parsed.error.issues[0]?.message ?? `${key} is not a name`);
      target =
        key === 'product' ? { kind: 'product', sku: parsed.data! } : { kind: 'category', name: parsed.data! };
    } else {
      refuse(`"${words[i]}" is not understood`);
    }
  }
  return { target, weeks };
}
