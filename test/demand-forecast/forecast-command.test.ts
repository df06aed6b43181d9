import { describe, expect, it } from 'vitest';
import { parseForecastCommand } from '../../src/demand-forecast/forecast-command.ts';

describe('the words of /order forecast', () => {
  it('reads a product or a category and the weeks, in either order, 8 weeks by default', () => {
    expect(parseForecastCommand('')).toEqual({ target: { kind: 'all' }, weeks: 8 });
    expect(parseForecastCommand('product BRG-6204-2RS weeks 12')).toEqual({
      target: { kind: 'product', sku: 'BRG-6204-2RS' },
      weeks: 12,
    });
    expect(parseForecastCommand('WEEKS 3  category bearings')).toEqual({
      target: { kind: 'category', name: 'bearings' },
      weeks: 3,
    });
  });

  it.each([
    ['weeks 0', 'weeks must be between 1 and 26'],
    ['weeks 27', 'weeks must be between 1 and 26'],
    ['weeks 2.5', 'weeks must be a whole number'],
    ['product A category b', 'ask for one product or one category'],
    ['product <script>', 'use the product SKU or the category name as shown'],
    ['soon', '"soon" needs a value after it'],
  ])('refuses "%s": %s', (args, message) => {
    expect(() => parseForecastCommand(args)).toThrow(message);
  });
});
