/**
 * Croston's method for intermittent demand (Croston 1972) and its bias-corrected variant SBA
 * (Syntetos & Boylan 2005): demand sizes and the intervals between demands are smoothed apart,
 * and the forecast is their ratio — a rate per period, flat over the horizon. SBA multiplies it
 * by 1 − α/2, which removes Croston's known upward bias.
 */

export type CrostonVariant = 'croston' | 'sba';

export interface CrostonRun {
  sse: number;
  /** One-step errors counted: the periods after the first demand. */
  count: number;
  /** The flat forecast after the observations smoothed. */
  rate: number;
}

export function crostonSmooth(
  y: ArrayLike<number>,
  alpha: number,
  variant: CrostonVariant,
  upTo: number = y.length,
): CrostonRun {
  const factor = variant === 'sba' ? 1 - alpha / 2 : 1;
  let first = 0;
  while (first < upTo && !(y[first]! > 0)) first++;
  if (first === upTo) return { sse: 0, count: 0, rate: 0 };
  let size = y[first]!;
  let interval = first + 1;
  let sinceDemand = 0;
  let sse = 0;
  let count = 0;
  for (let t = first + 1; t < upTo; t++) {
    const error = y[t]! - (factor * size) / interval;
    sse += error * error;
    count++;
    sinceDemand++;
    if (y[t]! > 0) {
      size += alpha * (y[t]! - size);
      interval += alpha * (sinceDemand - interval);
      sinceDemand = 0;
    }
  }
  return { sse, count, rate: (factor * size) / interval };
}

/** The share of periods, from the first demand on, that had none: Syntetos–Boylan's ADI ≥ 1.32. */
export function isIntermittent(y: ArrayLike<number>): boolean {
  let first = 0;
  while (first < y.length && !(y[first]! > 0)) first++;
  let demands = 0;
  for (let t = first; t < y.length; t++) if (y[t]! > 0) demands++;
  return demands > 0 && (y.length - first) / demands >= 1.32;
}
