/**
 * Nelder–Mead minimisation inside the unit box [0, 1]^d: points that would step outside are
 * clamped onto its faces, so every evaluated point is a valid parameter vector. Small and
 * derivative-free, which suits the few smoothing parameters of a forecast method.
 */

export interface MinimiseOptions {
  /** Initial simplex edge. */
  step?: number;
  /** Stop when the simplex's values differ by less than this (relative to the best). */
  tolerance?: number;
  maxEvaluations?: number;
}

export interface Minimum {
  x: number[];
  value: number;
  evaluations: number;
}

const clamp = (v: number) => Math.min(1, Math.max(0, v));

export function minimiseInUnitBox(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  options: MinimiseOptions = {},
): Minimum {
  const { step = 0.2, tolerance = 1e-10, maxEvaluations = 400 } = options;
  const d = start.length;
  let evaluations = 0;
  const evaluate = (x: number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
  };
  const origin = start.map(clamp);
  const points: number[][] = [origin];
  for (let i = 0; i < d; i++) {
    const p = origin.slice();
    // Step inwards from a face, so the simplex never collapses onto it.
    p[i] = p[i]! + step <= 1 ? p[i]! + step : p[i]! - step;
    points.push(p.map(clamp));
  }
  let values = points.map(evaluate);

  while (evaluations < maxEvaluations) {
    const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
    const sorted = order.map((i) => points[i]!);
    values = order.map((i) => values[i]!);
    points.splice(0, points.length, ...sorted);
    const best = values[0]!;
    const worst = values[d]!;
    if (Math.abs(worst - best) <= tolerance * (Math.abs(best) + 1e-12)) break;

    const centroid = new Array<number>(d).fill(0);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) centroid[j]! += points[i]![j]! / d;
    const toward = (k: number) => centroid.map((c, j) => clamp(c + k * (points[d]![j]! - c)));

    const reflected = toward(-1);
    const fr = evaluate(reflected);
    if (fr < best) {
      const expanded = toward(-2);
      const fe = evaluate(expanded);
      replaceWorst(fe < fr ? expanded : reflected, Math.min(fe, fr));
    } else if (fr < values[d - 1]!) {
      replaceWorst(reflected, fr);
    } else {
      const contracted = fr < worst ? toward(-0.5) : toward(0.5);
      const fc = evaluate(contracted);
      if (fc < Math.min(fr, worst)) {
        replaceWorst(contracted, fc);
      } else {
        for (let i = 1; i <= d; i++) {
          points[i] = points[i]!.map((v, j) => clamp(points[0]![j]! + 0.5 * (v - points[0]![j]!)));
          values[i] = evaluate(points[i]!);
        }
      }
    }
  }
  let bestIndex = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! < values[bestIndex]!) bestIndex = i;
  return { x: points[bestIndex]!, value: values[bestIndex]!, evaluations };

  function replaceWorst(x: number[], v: number) {
    points[d] = x;
    values[d] = v;
  }
}
