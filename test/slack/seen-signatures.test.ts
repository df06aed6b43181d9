import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_AGE_SECONDS, SeenSignatures } from '../../src/slack/request-signature.ts';

const signature = (body: string, second: number) =>
  `v0=${createHmac('sha256', 'secret').update(`v0:${second}:${body}`).digest('hex')}`;

describe('the signatures remembered against replays', () => {
  it('a signature seen once in its second is refused the second time, and another is not', () => {
    const seen = new SeenSignatures();
    const now = 1_800_000_000;
    expect(seen.firstTime(signature('a', now), now, now)).toBe(true);
    expect(seen.firstTime(signature('a', now), now, now + 10)).toBe(false);
    expect(seen.firstTime(signature('b', now), now, now + 10)).toBe(true);
  });

  it('a second too old to be accepted is forgotten whole, so memory follows the requests of the window only', () => {
    const seen = new SeenSignatures();
    const start = 1_800_000_000;
    for (let s = 0; s < 2 * MAX_AGE_SECONDS; s++) {
      for (let i = 0; i < 10; i++) seen.firstTime(signature(`${i}`, start + s), start + s, start + s);
    }
    // The seconds still accepted (now − 300 … now) are kept, the rest dropped.
    expect(seen.size).toBe(10 * (MAX_AGE_SECONDS + 1));
  });

  it('past its cap it lets requests through unremembered and says so, rather than refusing Slack', () => {
    const full: number[] = [];
    const seen = new SeenSignatures(3);
    const now = 1_800_000_000;
    for (const body of ['a', 'b', 'c']) expect(seen.firstTime(signature(body, now), now, now)).toBe(true);
    expect(seen.firstTime(signature('d', now), now, now, () => full.push(now))).toBe(true);
    expect(seen.size).toBe(3);
    expect(full).toEqual([now]);
    // What it did remember is still refused.
    expect(seen.firstTime(signature('a', now), now, now)).toBe(false);
  });
});
