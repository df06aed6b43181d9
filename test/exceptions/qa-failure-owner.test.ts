import { describe, expect, it } from 'vitest';
import { qaFailureOwner } from '../../src/exceptions/qa-failure-owner.ts';

const step = (n: number, departmentKey: string) => ({ step: n, departmentId: 100 + n, departmentKey });

describe('who owns what an inspection found', () => {
  it('production’s last step before QA, even with another department in between', () => {
    const route = [step(0, 'production'), step(1, 'painting'), step(2, 'qa'), step(3, 'logistics')];
    expect(qaFailureOwner(route, 2)).toBe(100);
    expect(qaFailureOwner([step(0, 'production'), step(1, 'production'), step(2, 'qa')], 2)).toBe(101);
  });

  it('without production before it, the step just before QA; with nothing before, nobody (QA itself)', () => {
    expect(qaFailureOwner([step(0, 'finance'), step(1, 'assembly'), step(2, 'qa')], 2)).toBe(101);
    expect(qaFailureOwner([step(0, 'qa'), step(1, 'production')], 0)).toBeNull();
  });
});
