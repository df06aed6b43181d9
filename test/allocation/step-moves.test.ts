import { describe, expect, it } from 'vitest';
import { movesOnDone, movesOnStart } from '../../src/allocation/steps/step-moves.ts';

const actions = (steps: { action: string }[]) => steps.map((s) => s.action);

describe('how a department’s step moves the order', () => {
  it('only production’s start puts an allocated order in production', () => {
    expect(actions(movesOnStart('allocated', 'production'))).toEqual(['start_production']);
    expect(actions(movesOnStart('allocated', 'finance'))).toEqual([]);
    expect(actions(movesOnStart('in_production', 'production'))).toEqual([]);
  });

  it('finance’s Done before production leaves the order allocated', () => {
    expect(actions(movesOnDone('allocated', 'finance', ['production', 'qa', 'logistics']))).toEqual([]);
  });

  it('production’s last Done leaves the order in production while QA is still to come', () => {
    expect(actions(movesOnDone('in_production', 'production', ['qa', 'logistics']))).toEqual([]);
    expect(actions(movesOnDone('in_production', 'production', ['production', 'logistics']))).toEqual([]);
    expect(actions(movesOnDone('in_production', 'production', ['logistics']))).toEqual(['finish_production']);
    expect(actions(movesOnDone('in_production', 'production', []))).toEqual(['finish_production']);
  });

  it('QA passing with only shipping left makes the order ready', () => {
    expect(actions(movesOnDone('in_production', 'qa', ['logistics']))).toEqual(['finish_production']);
    expect(actions(movesOnDone('in_production', 'qa', ['finance', 'logistics']))).toEqual([]);
  });

  it('with nothing to produce, the order is ready when shipping is next', () => {
    expect(actions(movesOnDone('allocated', 'finance', ['logistics']))).toEqual([
      'start_production',
      'finish_production',
    ]);
    expect(actions(movesOnDone('allocated', 'finance', ['qa', 'logistics']))).toEqual([]);
  });

  it('logistics’ Done ships the order, from wherever it stood', () => {
    expect(actions(movesOnDone('ready', 'logistics', []))).toEqual(['ship']);
    expect(actions(movesOnDone('allocated', 'logistics', []))).toEqual([
      'start_production',
      'finish_production',
      'ship',
    ]);
  });
});
