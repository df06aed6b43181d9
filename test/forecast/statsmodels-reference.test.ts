import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  project,
  type SmoothingModel,
  type SmoothingParams,
  type SmoothingState,
  smooth,
} from '../../src/forecast/exponential-smoothing.ts';
import { fitSmoothing } from '../../src/forecast/fit-smoothing.ts';

/** Written once by reference/make-reference.py from statsmodels' ExponentialSmoothing. */
interface Reference {
  series: Record<string, { values: number[]; period: number; source: string }>;
  cases: {
    series: string;
    model: SmoothingModel;
    initial: Omit<SmoothingState, 't'>;
    given: {
      params: SmoothingParams;
      fittedValues: number[];
      sse: number;
      forecast: number[];
      etsForecast: number[] | null;
      finalState: { level: number; trend: number; season: number[] };
    };
    fitted: { params: SmoothingParams; sse: number };
  }[];
}

const reference: Reference = JSON.parse(
  readFileSync(new URL('./reference/statsmodels-reference.json', import.meta.url), 'utf8'),
);

const label = (c: Reference['cases'][number]) =>
  `${c.series}: trend ${c.model.trend ? (c.model.damped ? 'damped' : 'add') : 'none'}, season ${c.model.seasonal}`;

describe.each(reference.cases.map((c) => [label(c), c] as const))('against statsmodels, %s', (_, c) => {
  const y = reference.series[c.series]!.values;
  const initial = { ...c.initial, t: 0 };

  it('with the same smoothing parameters gives the same one-step values, SSE and forecasts (1e-6)', () => {
    const errors: number[] = [];
    const run = smooth(y, c.model, c.given.params, initial, y.length, errors);
    const fitted = y.map((v, i) => v - errors[i]!);
    fitted.forEach((v, i) => {
      expect(v).toBeCloseTo(c.given.fittedValues[i]!, 6);
    });
    expect(Math.abs(run.sse - c.given.sse) / c.given.sse).toBeLessThan(1e-9);
    const forecast = project(run.state, c.model, c.given.params, c.given.forecast.length);
    // holtwinters keeps the last observation's season from before it was smoothed (see the
    // script): it agrees everywhere but at the horizons that land on that season, where the
    // state-space ETSModel and holtwinters' own final state agree with us.
    const period = c.model.seasonal === 'none' ? Number.POSITIVE_INFINITY : c.model.period;
    forecast.forEach((v, i) => {
      if ((i + 1) % period !== 0) expect(Math.abs(v - c.given.forecast[i]!)).toBeLessThan(1e-6);
      if (c.given.etsForecast) expect(Math.abs(v - c.given.etsForecast[i]!)).toBeLessThan(1e-6);
    });
    const final = c.given.finalState;
    expect(run.state.level).toBeCloseTo(final.level, 6);
    expect(run.state.trend).toBeCloseTo(final.trend, 6);
    const m = run.state.season.length;
    final.season.forEach((s, k) => {
      expect(run.state.season[(y.length + k) % m]).toBeCloseTo(s, 6);
    });
  });

  it('fits parameters whose in-sample SSE is within 1 % of the one statsmodels fits', () => {
    const ours = fitSmoothing(y, c.model, initial);
    expect(ours.sse).toBeLessThanOrEqual(c.fitted.sse * 1.01);
  });
});
