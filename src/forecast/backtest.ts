import { type Accuracy, accuracy, naiveScale } from './accuracy.ts';
import type { Candidate, MethodName } from './candidates.ts';

export interface BacktestScore extends Accuracy {
  method: MethodName;
}

export interface BacktestOptions {
  period: number;
  /** Weeks held out at the end: each is a forecast origin. */
  holdout: number;
  /** Steps forecast from each origin (cut at the end of the history). */
  horizon: number;
}

/**
 * Rolling-origin evaluation (Tashman 2000) with fixed parameters: each candidate is fitted once
 * on the history before the holdout, then forecasts `horizon` steps from every origin in the
 * holdout, seeing the actual values up to that origin. Scores are sorted best first: lowest
 * MASE, and among equal scores the earlier (simpler) candidate.
 */
export function backtest(
  y: readonly number[],
  candidates: readonly Candidate[],
  options: BacktestOptions,
): BacktestScore[] {
  const { period, holdout, horizon } = options;
  const cut = y.length - holdout;
  const train = y.slice(0, cut);
  const scale = naiveScale(train, period);
  const scored: (BacktestScore & { rank: number })[] = [];
  candidates.forEach((candidate, rank) => {
    if (!candidate.fits(train, period)) return;
    const fitted = candidate.fit(train, period);
    const pairs: { forecast: number; actual: number }[] = [];
    for (let origin = cut; origin < y.length; origin++) {
      const steps = Math.min(horizon, y.length - origin);
      fitted.forecastFrom(y, origin, steps).forEach((forecast, k) => {
        pairs.push({ forecast, actual: y[origin + k]! });
      });
    }
    scored.push({ method: candidate.name, rank, ...accuracy(pairs, scale) });
  });
  const tied = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return scored
    .sort((a, b) => (tied(a.mase, b.mase) ? a.rank - b.rank : a.mase - b.mase))
    .map(({ rank: _, ...score }) => score);
}
