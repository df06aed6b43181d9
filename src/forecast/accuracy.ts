/** Forecast accuracy measures (Hyndman & Koehler 2006). */

/**
 * Mean absolute error of seasonal naive's one-step forecasts in the training history: MASE's
 * denominator. Naive (lag 1) when the history is not longer than a season.
 */
export function naiveScale(train: readonly number[], period: number): number {
  const m = train.length > period ? period : 1;
  let sum = 0;
  for (let t = m; t < train.length; t++) sum += Math.abs(train[t]! - train[t - m]!);
  return train.length > m ? sum / (train.length - m) : 0;
}

export interface Accuracy {
  /** Mean absolute error over seasonal naive's in-sample one (MASE < 1: better than it). */
  mase: number;
  /** Mean of forecast − actual, in units a period: positive forecasts too much. */
  bias: number;
  /** bias as a share of the mean actual demand (0 when there was none). */
  biasShare: number;
}

export function accuracy(pairs: readonly { forecast: number; actual: number }[], scale: number): Accuracy {
  let absolute = 0;
  let signed = 0;
  let actual = 0;
  for (const p of pairs) {
    absolute += Math.abs(p.forecast - p.actual);
    signed += p.forecast - p.actual;
    actual += p.actual;
  }
  const n = Math.max(pairs.length, 1);
  const mae = absolute / n;
  // A series seasonal naive forecasts perfectly (a constant) has no scale: a perfect forecast
  // then scores 0 and any error is infinitely worse.
  const mase = mae === 0 ? 0 : scale > 0 ? mae / scale : Number.POSITIVE_INFINITY;
  return { mase, bias: signed / n, biasShare: actual > 0 ? signed / actual : 0 };
}
