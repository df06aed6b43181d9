import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WholeNumberSet } from '../../src/slack/whole-number-set.ts';

const largest = 2 ** 52 - 1;

describe('the whole-number set behind the replay memory', () => {
  it('holds what a Set holds, through any adds and growth, for keys from 0 to 2^52 − 1', () => {
    const key = fc.oneof(
      fc.integer({ min: 0, max: 64 }),
      fc.constantFrom(0, 1, largest, largest - 1, 2 ** 32, 2 ** 32 - 1),
      fc.maxSafeNat().map((n) => n % (largest + 1)),
    );
    fc.assert(
      fc.property(fc.array(key, { maxLength: 400 }), fc.array(key, { maxLength: 50 }), (added, probed) => {
        const set = new WholeNumberSet();
        const expected = new Set<number>();
        for (const k of added) {
          expect(set.add(k)).toBe(!expected.has(k));
          expected.add(k);
        }
        expect(set.size).toBe(expected.size);
        for (const k of [...added, ...probed]) expect(set.has(k)).toBe(expected.has(k));
      }),
    );
  });

  it('keys that share their low bits (they differ above bit 32) are told apart', () => {
    const set = new WholeNumberSet();
    const keys = Array.from({ length: 100 }, (_, i) => 7 + i * 2 ** 32);
    for (const k of keys) expect(set.add(k)).toBe(true);
    for (const k of keys) expect(set.add(k)).toBe(false);
    expect(set.has(7 + 100 * 2 ** 32)).toBe(false);
    expect(set.size).toBe(100);
  });
});
