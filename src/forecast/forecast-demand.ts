import { type BacktestScore, backtest } from './backtest.ts';
import {
  type Candidate,
  intermittentDemandCandidates,
  type MethodName,
  smoothDemandCandidates,
} from './candidates.ts';
import { isIntermittent } from './croston.ts';

export interface ForecastWeek {
  mean: number;
  /** The 80 % interval: 10th and 90th percentiles, never below zero. */
  low: number;
  high: number;
}

export interface DemandForecast {
  method: MethodName;
  weeks: ForecastWeek[];
  /** The chosen method's backtest score; `scores` has every candidate's, best first. */
  score: BacktestScore;
  scores: BacktestScore[];
  intermittent: boolean;
}

export type ForecastOutcome =
  | { ok: true; forecast: DemandForecast }
  | { ok: false; reason: 'no demand' | 'too little history'; weeksOfHistory: number; weeksNeeded: number };

export interface ForecastOptions {
  /** Observations a season: 52 for weekly demand. */
  period: number;
  horizon: number;
  /** Weeks held out for the backtest. */
  holdout?: number;
}

/** 80 % two-sided: the normal distribution's 90th percentile. */
const z80 = 1.2815515655446004;

/** The least history worth a forecast: the holdout, and as much again to fit on. */
export const minimumWeeks = (holdout: number) => 2 * holdout;

/**
 * The forecast for one series of weekly demand: the candidates for its kind of demand
 * (intermittent or not) are scored by a rolling-origin backtest, the best is fitted again on
 * the whole history and forecasts `horizon` weeks with an 80 % interval. History starts at the
 * first week with demand; weeks before it say nothing about the product.
 */
export function forecastDemand(series: readonly number[], options: ForecastOptions): ForecastOutcome {
  const { period, horizon, holdout = 13 } = options;
  const first = series.findIndex((v) => v > 0);
  const needed = minimumWeeks(holdout);
  if (first < 0) return { ok: false, reason: 'no demand', weeksOfHistory: 0, weeksNeeded: needed };
  const y = series.slice(first);
  if (y.length < needed) {
    return { ok: false, reason: 'too little history', weeksOfHistory: y.length, weeksNeeded: needed };
  }
  const intermittent = isIntermittent(y);
  const candidates: readonly Candidate[] = intermittent
    ? intermittentDemandCandidates
    : smoothDemandCandidates;
  const scores = backtest(y, candidates, { period, holdout, horizon: Math.min(horizon, holdout) });
  const score = scores[0]!;
  const chosen = candidates.find((c) => c.name === score.method)!;
  const fitted = chosen.fit(y, period);
  const weeks = fitted.forecastFrom(y, y.length, horizon).map((mean, k) => {
    const half = z80 * fitted.sigma * fitted.spread(k + 1);
    const level = Math.max(0, mean);
    return { mean: level, low: Math.max(0, mean - half), high: Math.max(0, mean + half) };
  });
  return { ok: true, forecast: { method: score.method, weeks, score, scores, intermittent } };
}
