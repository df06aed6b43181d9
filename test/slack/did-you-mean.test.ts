import { describe, expect, it } from 'vitest';
import { didYouMean, typoDistance } from '../../src/slack/did-you-mean.ts';

const subcommands = ['new', 'show', 'list', 'status', 'grant', 'revoke'];

describe('did you mean', () => {
  it.each([
    ['grnat', 'grant'],
    ['stauts', 'status'],
    ['lst', 'list'],
    ['sho', 'show'],
    ['revok', 'revoke'],
    ['NEW', 'new'],
  ])('%s → %s', (typed, meant) => {
    expect(didYouMean(typed, subcommands)).toBe(meant);
  });

  it('suggests nothing for a word that is nothing like a subcommand', () => {
    expect(didYouMean('banana', subcommands)).toBeNull();
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(typoDistance('grnat', 'grant')).toBe(1);
    expect(typoDistance('kitten', 'sitting')).toBe(3);
    expect(typoDistance('', 'abc')).toBe(3);
  });
});
