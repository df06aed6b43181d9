import { describe, expect, it } from 'vitest';
import { withSummaryOnTop } from '../../src/slack/error-summary.ts';

const inputs = [
  { blockId: 'code', label: 'Code' },
  { blockId: 'name', label: 'Name' },
  { blockId: 'credit_limit', label: 'Credit limit' },
];

describe('a summary of a long form’s errors at its top', () => {
  it('names the fields below that need fixing under the top input', () => {
    expect(withSummaryOnTop({ name: 'Name is required', credit_limit: 'bad' }, inputs)).toEqual({
      code: '2 fields need fixing below: Name, Credit limit',
      name: 'Name is required',
      credit_limit: 'bad',
    });
  });

  it('keeps the top input’s own error first', () => {
    expect(withSummaryOnTop({ code: 'Code is required', name: 'x' }, inputs).code).toBe(
      'Code is required — also fix below: Name',
    );
  });

  it('adds nothing when the only error is at the top already, or there is none', () => {
    expect(withSummaryOnTop({ code: 'Code is required' }, inputs)).toEqual({ code: 'Code is required' });
    expect(withSummaryOnTop({}, inputs)).toEqual({});
  });
});
