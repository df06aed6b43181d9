import { describe, expect, it } from 'vitest';
import { forecastDemand } from '../../src/forecast/forecast-demand.ts';

/** Deterministic noise in [-1, 1) (mulberry32): the same series on every run. */
function noise(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * 2 - 1;
  };
}

const weeks = (n: number, f: (t: number) => number) => Array.from({ length: n }, (_, t) => f(t));
const wave = (t: number) => Math.sin((2 * Math.PI * t) / 52);

function forecastOf(series: number[], horizon = 8) {
  const outcome = forecastDemand(series, { period: 52, horizon });
  if (!outcome.ok) throw new Error(`no forecast: ${outcome.reason}`);
  return outcome.forecast;
}

describe('the weekly demand forecast', () => {
  it('forecasts a product ordered at the same 40 a week as 40, with no spread and a perfect MASE', () => {
    const f = forecastOf(weeks(60, () => 40));
    expect(f.method).toBe('simple exponential smoothing');
    for (const w of f.weeks) {
      expect(w.mean).toBeCloseTo(40, 6);
      expect(w.high - w.low).toBeCloseTo(0, 6);
    }
    expect(f.score.mase).toBe(0);
    expect(f.score.bias).toBeCloseTo(0, 6);
  });

  it('continues a steady rise of 3 a week with the damped trend', () => {
    const f = forecastOf(weeks(60, (t) => 20 + 3 * t));
    expect(f.method).toBe('Holt (damped)');
    // The damped trend bends the line a little: within 2 % over 8 weeks.
    f.weeks.forEach((w, k) => {
      const onLine = 20 + 3 * (60 + k);
      expect(Math.abs(w.mean - onLine)).toBeLessThan(0.02 * onLine);
    });
    expect(f.score.mase).toBeLessThan(0.25);
  });

  it('follows a yearly wave on a rising level with additive Holt-Winters, three years of history', () => {
    const jitter = noise(7);
    const f = forecastOf(weeks(156, (t) => 200 + 0.5 * t + 60 * wave(t) + 2 * jitter()));
    expect(f.method).toBe('Holt-Winters additive');
    f.weeks.forEach((w, k) => {
      const t = 156 + k;
      expect(Math.abs(w.mean - (200 + 0.5 * t + 60 * wave(t)))).toBeLessThan(10);
      expect(w.low).toBeLessThan(w.mean);
      expect(w.high).toBeGreaterThan(w.mean);
    });
    expect(f.score.mase).toBeLessThan(0.5);
  });

  it('scales the wave with the level with multiplicative Holt-Winters when demand grows fast', () => {
    const jitter = noise(11);
    const truth = (t: number) => (50 + 2 * t) * (1 + 0.5 * wave(t));
    const f = forecastOf(weeks(156, (t) => truth(t) * (1 + 0.01 * jitter())));
    expect(f.method).toBe('Holt-Winters multiplicative');
    f.weeks.forEach((w, k) => {
      expect(Math.abs(w.mean / truth(156 + k) - 1)).toBeLessThan(0.05);
    });
  });

  it('forecasts a spare part ordered every three to five weeks as a steady rate with Croston or SBA', () => {
    const draw = noise(3);
    const series = new Array<number>(104).fill(0);
    for (let t = 2; t < series.length; t += 4 + Math.round(draw())) series[t] = 6 + Math.round(draw());
    const f = forecastOf(series);
    expect(f.intermittent).toBe(true);
    expect(['Croston', 'SBA']).toContain(f.method);
    // Six pieces every four weeks on average: 1.5 a week.
    expect(Math.abs(f.weeks[0]!.mean - 1.5)).toBeLessThan(0.3);
    expect(f.weeks.every((w) => w.mean === f.weeks[0]!.mean)).toBe(true);
    expect(f.weeks[0]!.low).toBe(0);
  });

  it('says plainly when there is too little history or no demand at all', () => {
    expect(forecastDemand([0, 0, 5, 6, 4, 5], { period: 52, horizon: 4 })).toEqual({
      ok: false,
      reason: 'too little history',
      weeksOfHistory: 4,
      weeksNeeded: 26,
    });
    expect(
      forecastDemand(
        weeks(80, () => 0),
        { period: 52, horizon: 4 },
      ),
    ).toMatchObject({
      ok: false,
      reason: 'no demand',
    });
  });

  it('gives the same forecast for the same history, twice', () => {
    const series = weeks(120, (t) => 100 + 30 * wave(t));
    expect(forecastDemand(series, { period: 52, horizon: 6 })).toEqual(
      forecastDemand(series, { period: 52, horizon: 6 }),
    );
  });
});
