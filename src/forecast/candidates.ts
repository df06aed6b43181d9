import { type CrostonVariant, crostonSmooth } from './croston.ts';
import { project, type SmoothingModel, smooth } from './exponential-smoothing.ts';
import { fitSmoothing } from './fit-smoothing.ts';
import { minimiseInUnitBox } from './nelder-mead.ts';
import { startingState } from './starting-state.ts';

export type MethodName =
  | 'seasonal naive'
  | 'simple exponential smoothing'
  | 'Holt (damped)'
  | 'Holt-Winters additive'
  | 'Holt-Winters multiplicative'
  | 'Croston'
  | 'SBA';

/** A method whose parameters were fitted on a stretch of history. */
export interface FittedMethod {
  name: MethodName;
  /** The `h` values after the first `origin` observations of `y`, with the fitted parameters. */
  forecastFrom(y: readonly number[], origin: number, h: number): number[];
  /** Standard deviation of the in-sample one-step errors. */
  sigma: number;
  /** How many times sigma the error's standard deviation is `h` steps ahead. */
  spread(h: number): number;
}

export interface Candidate {
  name: MethodName;
  /** Whether the method can be fitted on this history at all. */
  fits(y: readonly number[], period: number): boolean;
  fit(y: readonly number[], period: number): FittedMethod;
}

const sd = (sse: number, count: number) => (count > 0 ? Math.sqrt(sse / count) : 0);

/** Last season's value (last value when the history is shorter than a season). */
const seasonalNaive: Candidate = {
  name: 'seasonal naive',
  fits: (y) => y.length >= 2,
  fit(y, period) {
    const lag = (n: number) => (n > period ? period : 1);
    const m = lag(y.length);
    let sse = 0;
    for (let t = m; t < y.length; t++) sse += (y[t]! - y[t - m]!) ** 2;
    return {
      name: this.name,
      forecastFrom: (series, origin, h) =>
        Array.from({ length: h }, (_, k) => series[origin - lag(origin) + (k % lag(origin))]!),
      sigma: sd(sse, y.length - m),
      spread: (h) => Math.sqrt(Math.floor((h - 1) / m) + 1),
    };
  },
};

/**
 * The additive-error ETS variance factors of fpp3 Table 8.8 (class 1): the h-step error is
 * the sum of the one-step errors weighted 1, c_1 … c_{h−1}, with c_j = α + αβ*·φ_j + γ·[m | j].
 * Multiplicative seasons use the same factors: an approximation, as in most software.
 */
function smoothingSpread(model: SmoothingModel, alpha: number, beta: number, gamma: number, phi: number) {
  return (h: number) => {
    let variance = 1;
    let damping = 0;
    for (let j = 1; j < h; j++) {
      damping += model.trend ? (model.damped ? phi ** j : 1) : 0;
      const seasonal = model.seasonal !== 'none' && j % model.period === 0 ? gamma : 0;
      variance += (alpha + alpha * beta * damping + seasonal) ** 2;
    }
    return Math.sqrt(variance);
  };
}

function smoothingCandidate(
  name: MethodName,
  shape: Omit<SmoothingModel, 'period'>,
  fits: (y: readonly number[], period: number) => boolean,
): Candidate {
  return {
    name,
    fits,
    fit(y, period) {
      const model = { ...shape, period };
      const fitted = fitSmoothing(y, model, startingState(y, model));
      const { alpha, beta, gamma, phi } = fitted.params;
      return {
        name,
        forecastFrom(series, origin, h) {
          const run = smooth(series, model, fitted.params, fitted.initial, origin);
          return project(run.state, model, fitted.params, h);
        },
        sigma: sd(fitted.sse, y.length),
        spread: smoothingSpread(model, alpha, beta, gamma, phi),
      };
    },
  };
}

/** Two full seasons: what the seasonal initial state needs (and statsmodels demands). */
const twoSeasons = (y: readonly number[], period: number) => period > 1 && y.length >= 2 * period;

/**
 * The range the literature recommends for Croston's α (Syntetos & Boylan 2005 use 0.05–0.2):
 * left free, the in-sample error of a sparse series often prefers chasing the last demand.
 */
const crostonAlpha = { low: 0.02, high: 0.3 } as const;

function crostonCandidate(name: MethodName, variant: CrostonVariant): Candidate {
  return {
    name,
    fits: (y) => y.some((v) => v > 0),
    fit(y) {
      const alphaAt = (u: readonly number[]) =>
        crostonAlpha.low + (crostonAlpha.high - crostonAlpha.low) * u[0]!;
      const sseAt = (u: readonly number[]) => crostonSmooth(y, alphaAt(u), variant).sse;
      const alpha = alphaAt(minimiseInUnitBox(sseAt, [0.3], { step: 0.2 }).x);
      const run = crostonSmooth(y, alpha, variant);
      return {
        name,
        forecastFrom: (series, origin, h) =>
          new Array<number>(h).fill(crostonSmooth(series, alpha, variant, origin).rate),
        sigma: sd(run.sse, run.count),
        spread: (h) => Math.sqrt(1 + (h - 1) * alpha * alpha),
      };
    },
  };
}

/** Candidates for demand that comes most weeks, simplest first. */
export const smoothDemandCandidates: readonly Candidate[] = [
  // Simplest first: when two score alike (a flat series), the simpler one is kept.
  smoothingCandidate(
    'simple exponential smoothing',
    { trend: false, damped: false, seasonal: 'none' },
    (y) => y.length >= 2,
  ),
  smoothingCandidate('Holt (damped)', { trend: true, damped: true, seasonal: 'none' }, (y) => y.length >= 4),
  seasonalNaive,
  smoothingCandidate('Holt-Winters additive', { trend: true, damped: false, seasonal: 'add' }, twoSeasons),
  smoothingCandidate(
    'Holt-Winters multiplicative',
    { trend: true, damped: false, seasonal: 'mul' },
    (y, period) => twoSeasons(y, period) && y.every((v) => v > 0),
  ),
];

/**
 * Candidates for intermittent demand. The smoothers and seasonal naive are left out on purpose:
 * on a series of mostly zeros an error measure on absolute errors rewards forecasting zero or a
 * past week's zero, so a backtest among them would pick the least useful forecast.
 */
export const intermittentDemandCandidates: readonly Candidate[] = [
  crostonCandidate('Croston', 'croston'),
  crostonCandidate('SBA', 'sba'),
];
