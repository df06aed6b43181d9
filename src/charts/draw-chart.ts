import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export interface ChartImage {
  png: Buffer;
  width: number;
  height: number;
}

/**
 * A vega-lite spec in, a PNG of exactly `width` × `height` pixels out, drawn on the server:
 * vega renders SVG without a browser, resvg rasterises it. Text uses the machine's fonts; a
 * machine without any still gets a valid PNG, without labels.
 */
export async function drawChart(
  spec: TopLevelSpec,
  size: { width: number; height: number },
): Promise<ChartImage> {
  const sized = {
    ...spec,
    width: size.width,
    height: size.height,
    // Axes, legend and title fit inside the declared size, so the PNG is that size.
    autosize: { type: 'fit', contains: 'padding' },
    background: 'white',
  } as TopLevelSpec;
  const view = new View(parse(compile(sized).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const image = new Resvg(svg, {
      fitTo: { mode: 'original' },
      font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    }).render();
    return { png: image.asPng(), width: image.width, height: image.height };
  } finally {
    view.finalize();
  }
}
