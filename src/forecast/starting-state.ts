import type { SmoothingModel, SmoothingState } from './exponential-smoothing.ts';

/** Least-squares line through the points (t, v), as its value at t = 0 and its slope. */
function line(points: readonly { t: number; v: number }[]): { intercept: number; slope: number } {
  const n = points.length;
  let st = 0;
  let sv = 0;
  let stt = 0;
  let stv = 0;
  for (const { t, v } of points) {
    st += t;
    sv += v;
    stt += t * t;
    stv += t * v;
  }
  const denominator = n * stt - st * st;
  const slope = denominator === 0 ? 0 : (n * stv - st * sv) / denominator;
  return { intercept: (sv - slope * st) / n, slope };
}

/** The centred moving average over one season (2×m for an even m), where it is defined. */
function seasonalMovingAverage(y: ArrayLike<number>, m: number, n: number): { t: number; v: number }[] {
  const half = Math.floor(m / 2);
  const out: { t: number; v: number }[] = [];
  for (let t = half; t + half < n; t++) {
    let sum = 0;
    if (m % 2 === 0) {
      sum = 0.5 * (y[t - half]! + y[t + half]!);
      for (let j = -half + 1; j < half; j++) sum += y[t + j]!;
    } else {
      for (let j = -half; j <= half; j++) sum += y[t + j]!;
    }
    out.push({ t, v: sum / m });
  }
  return out;
}

/**
 * The state the smoothing starts from, before the first observation. With a season, a
 * classical decomposition of the first seasons (up to four): the centred moving average is the
 * trend, each week's season is its average departure from it (difference or ratio), normalised,
 * and a line through the moving average gives the starting level and trend. The fpp3 §7.6
 * "simple" start takes the seasons from the first season alone, trend included, which a
 * product whose demand grows through the year turns into a wrong seasonal pattern that
 * smoothing then carries on. Without a season: the first value, and a line through the first
 * few for the trend.
 */
export function startingState(y: ArrayLike<number>, model: SmoothingModel): SmoothingState {
  if (model.seasonal === 'none') {
    const first = Array.from({ length: Math.min(y.length, 8) }, (_, t) => ({ t, v: y[t]! }));
    const { intercept, slope } = line(first);
    return model.trend
      ? { level: intercept - slope, trend: slope, season: [0], t: 0 }
      : { level: y[0]!, trend: 0, season: [0], t: 0 };
  }
  const m = model.period;
  const n = Math.min(Math.floor(y.length / m), 4) * m;
  const average = seasonalMovingAverage(y, m, n);
  const mul = model.seasonal === 'mul';
  const sums = new Array<number>(m).fill(0);
  const counts = new Array<number>(m).fill(0);
  for (const { t, v } of average) {
    sums[t % m]! += mul ? y[t]! / v : y[t]! - v;
    counts[t % m]!++;
  }
  const season = sums.map((sum, i) => sum / counts[i]!);
  const mean = season.reduce((a, b) => a + b, 0) / m;
  const normalised = season.map((s) => (mul ? s / mean : s - mean));
  const { intercept, slope } = line(average);
  return { level: intercept - slope, trend: model.trend ? slope : 0, season: normalised, t: 0 };
}
