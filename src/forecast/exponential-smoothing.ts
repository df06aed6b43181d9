/**
 * Exponential smoothing in the error-correction form statsmodels' `ExponentialSmoothing` uses
 * (Hyndman & Athanasopoulos, fpp3 §8): a level, an optional (damped) additive trend and an
 * optional additive or multiplicative season. Pure arithmetic on arrays; no I/O.
 */

export type Seasonality = 'none' | 'add' | 'mul';

export interface SmoothingModel {
  trend: boolean;
  damped: boolean;
  seasonal: Seasonality;
  /** Length of a season in observations (52 for weekly data); ignored without a season. */
  period: number;
}

/** α level, β trend (β ≤ α), γ season (γ ≤ 1 − α), φ damping (1 when the trend is not damped). */
export interface SmoothingParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

export interface SmoothingState {
  level: number;
  trend: number;
  /** The season of observation t is `season[t % period]` (one entry when there is no season). */
  season: number[];
  /** Observations smoothed so far: the next one is number `t`. */
  t: number;
}

export interface SmoothingRun {
  /** Sum of squared one-step errors over the observations smoothed. */
  sse: number;
  state: SmoothingState;
}

/**
 * Smooths the first `upTo` observations of `y` from the initial state, and returns the
 * in-sample squared error and the state after the last one. When `errors` is given it receives
 * each one-step error. A state that breaks down (a multiplicative season over a level of zero)
 * gives an infinite error, which the optimiser then avoids.
 */
export function smooth(
  y: ArrayLike<number>,
  model: SmoothingModel,
  params: SmoothingParams,
  initial: SmoothingState,
  upTo: number = y.length,
  errors?: number[],
): SmoothingRun {
  const { alpha, beta, gamma } = params;
  const phi = model.trend ? (model.damped ? params.phi : 1) : 0;
  const seasonal = model.seasonal;
  const m = seasonal === 'none' ? 1 : model.period;
  const season = initial.season.slice();
  let level = initial.level;
  let trend = model.trend ? initial.trend : 0;
  let sse = 0;
  for (let t = initial.t; t < upTo; t++) {
    const obs = y[t]!;
    const slot = t % m;
    const s = season[slot]!;
    const base = level + phi * trend;
    const forecast = seasonal === 'mul' ? base * s : seasonal === 'add' ? base + s : base;
    const error = obs - forecast;
    sse += error * error;
    if (errors) errors.push(error);
    const previousLevel = level;
    if (seasonal === 'mul') {
      level = (alpha * obs) / s + (1 - alpha) * base;
      season[slot] = (gamma * obs) / base + (1 - gamma) * s;
    } else if (seasonal === 'add') {
      level = alpha * (obs - s) + (1 - alpha) * base;
      season[slot] = gamma * (obs - base) + (1 - gamma) * s;
    } else {
      level = alpha * obs + (1 - alpha) * base;
    }
    if (model.trend) trend = beta * (level - previousLevel) + (1 - beta) * phi * trend;
  }
  if (!Number.isFinite(sse)) sse = Number.POSITIVE_INFINITY;
  return { sse, state: { level, trend, season, t: Math.max(upTo, initial.t) } };
}

/** The next `h` values after `state`: level plus the damped trend's sum, with the season. */
export function project(
  state: SmoothingState,
  model: SmoothingModel,
  params: SmoothingParams,
  h: number,
): number[] {
  const phi = model.trend ? (model.damped ? params.phi : 1) : 0;
  const m = model.seasonal === 'none' ? 1 : model.period;
  const out: number[] = [];
  let damping = 0;
  let power = 1;
  for (let step = 1; step <= h; step++) {
    power *= phi;
    damping += power;
    const base = state.level + damping * state.trend;
    const s = state.season[(state.t + step - 1) % m]!;
    out.push(model.seasonal === 'mul' ? base * s : model.seasonal === 'add' ? base + s : base);
  }
  return out;
}
