import { describe, expect, it } from 'vitest';
import { type RouteStepView, routeLine, stepButtons } from '../../src/allocation/route-view.ts';
import { whyNobody } from '../../src/routing/open-step.ts';

const step = (over: Partial<RouteStepView>): RouteStepView => ({
  assignmentId: 7,
  step: 0,
  departmentKey: 'production',
  departmentName: 'Production',
  channelId: 'C0PROD',
  assigneeId: 'U0ANN',
  status: 'started',
  progress: 0,
  ...over,
});

describe('what a department card shows of a step', () => {
  it('a started step shows its progress and the start of its latest note, escaped', () => {
    const line = routeLine([step({ progress: 40, note: `<b>${'x'.repeat(200)}` })]);
    expect(line.startsWith(':arrow_forward: Production (<@U0ANN>, 40 % — _&lt;b&gt;xxx')).toBe(true);
    expect(line.endsWith('…_) started')).toBe(true);
  });

  it('a done step shows neither progress nor note', () => {
    expect(routeLine([step({ status: 'done', progress: 100, note: 'all good' })])).toBe(
      ':white_check_mark: Production (<@U0ANN>) done',
    );
  });

  it('the next move comes first and is the primary button; other channels and held orders get none', () => {
    const order = { status: 'in_production', version: 3 };
    const buttons = stepButtons([step({})], 'C0PROD', order);
    expect(buttons.map((b) => b.action_id)).toEqual([
      'step.done',
      'step.progress',
      'step.reassign',
      'step.problem',
    ]);
    expect(buttons.map((b) => b.style ?? null)).toEqual(['primary', null, null, null]);
    expect(buttons.every((b) => b.value === '7:3')).toBe(true);
    expect(stepButtons([step({})], 'C0LOGI', order)).toEqual([]);
    expect(stepButtons([step({})], 'C0PROD', { status: 'on_hold', version: 3 })).toEqual([]);
  });
});

describe('why nobody can take a step, as the admins are told', () => {
  const roundRobin = { department: 'welding', pick: 'round_robin' as const };
  it('no members, everyone away, or the rule’s fixed person out of reach', () => {
    expect(whyNobody(roundRobin, [])).toBe('it has no members yet');
    expect(whyNobody(roundRobin, [{ id: 'U0A', away: true, openCount: 0 }])).toBe('everyone there is away');
    expect(
      whyNobody({ department: 'welding', pick: 'fixed', personId: 'U0Z' }, [
        { id: 'U0A', away: false, openCount: 0 },
      ]),
    ).toBe('its rule names <@U0Z>, who is away or not a member');
  });
});
