import {
  type SmoothingModel,
  type SmoothingParams,
  type SmoothingState,
  smooth,
} from './exponential-smoothing.ts';
import { minimiseInUnitBox } from './nelder-mead.ts';

export interface FittedSmoothing {
  model: SmoothingModel;
  params: SmoothingParams;
  initial: SmoothingState;
  /** In-sample sum of squared one-step errors. */
  sse: number;
}

/** statsmodels' bounds for the damping factor. */
export const dampingBounds = { low: 0.8, high: 0.995 } as const;

/**
 * The smoothing parameters from a point of the unit box, under statsmodels' constraints:
 * 0 ≤ β ≤ α, 0 ≤ γ ≤ 1 − α, φ within dampingBounds. Every point of the box is admissible.
 */
function paramsAt(u: readonly number[], model: SmoothingModel): SmoothingParams {
  const alpha = u[0]!;
  let next = 1;
  const beta = model.trend ? alpha * u[next++]! : 0;
  const gamma = model.seasonal !== 'none' ? (1 - alpha) * u[next++]! : 0;
  const phi =
    model.trend && model.damped ? dampingBounds.low + (dampingBounds.high - dampingBounds.low) * u[next]! : 1;
  return { alpha, beta, gamma, phi };
}

function dimensions(model: SmoothingModel): number {
  return (
    1 + (model.trend ? 1 : 0) + (model.seasonal !== 'none' ? 1 : 0) + (model.trend && model.damped ? 1 : 0)
  );
}

/** Where the simplex starts: a moderate smoother with a slight trend and season, little damping. */
const start = [0.4, 0.2, 0.2, 0.8];

/**
 * Fits the smoothing parameters by minimising the in-sample squared one-step error, from the
 * initial state given. Nelder–Mead, then restarted with a small simplex at
 * its end point: a restart is the usual guard against a simplex that collapsed early.
 */
export function fitSmoothing(
  y: ArrayLike<number>,
  model: SmoothingModel,
  initial: SmoothingState,
): FittedSmoothing {
  const d = dimensions(model);
  const sseAt = (u: readonly number[]) => smooth(y, model, paramsAt(u, model), initial).sse;
  // Enough for a few parameters to settle to six digits of the error; beyond that a flat
  // valley (φ near its bound) only spends evaluations.
  const budget = { tolerance: 1e-6, maxEvaluations: 30 + 30 * d };
  let best = minimiseInUnitBox(sseAt, start.slice(0, d), budget);
  const refined = minimiseInUnitBox(sseAt, best.x, { ...budget, step: 0.05 });
  if (refined.value < best.value) best = refined;
  return { model, params: paramsAt(best.x, model), initial, sse: best.value };
}
