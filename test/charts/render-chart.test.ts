import type { TopLevelSpec } from 'vega-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { renderChart, stopChartRenderer } from '../../src/charts/render-chart.ts';
import { readPng } from '../../src/sandbox/fake-slack/file-store.ts';

const bars: TopLevelSpec = {
  title: 'Orders per week',
  data: {
    values: [
      { week: '2026-11-02', orders: 4 },
      { week: '2026-11-09', orders: 7 },
    ],
  },
  mark: 'bar',
  encoding: {
    x: { field: 'week', type: 'ordinal' },
    y: { field: 'orders', type: 'quantitative' },
  },
};

describe('charts are drawn on the chart worker thread', () => {
  afterAll(stopChartRenderer);

  it('a chart comes back as a valid PNG of the declared size', async () => {
    const image = await renderChart(bars, { width: 640, height: 320 });
    expect(readPng(image.png)).toEqual({ width: 640, height: 320 });
    expect(image).toMatchObject({ width: 640, height: 320 });
  });

  it('charts asked for at once each come back with their own size', async () => {
    const sizes = [
      { width: 300, height: 200 },
      { width: 500, height: 250 },
      { width: 800, height: 400 },
    ];
    const images = await Promise.all(sizes.map((size) => renderChart(bars, size)));
    expect(images.map((i) => readPng(i.png))).toEqual(sizes);
  });

  it('a spec vega cannot draw is refused in words, and the worker goes on drawing', async () => {
    const broken = { ...bars, mark: 'no-such-mark' } as unknown as TopLevelSpec;
    await expect(renderChart(broken, { width: 300, height: 200 })).rejects.toThrow(/could not be drawn/);
    expect(readPng((await renderChart(bars, { width: 300, height: 200 })).png)).not.toBeNull();
  });

  it('after the worker is stopped (shutdown), the next chart starts a new one', async () => {
    await stopChartRenderer();
    const image = await renderChart(bars, { width: 400, height: 300 });
    expect(readPng(image.png)).toEqual({ width: 400, height: 300 });
  });
});
