import { escapeMrkdwn, mention, truncate } from '../blocks/block-kit.ts';
import { isStepUnderWay, type StepStatus, stepsTaken } from '../orders/status-sets.ts';

/** One step of an order's route as the cards show it. */
export interface RouteStepView {
  assignmentId: number;
  step: number;
  departmentKey: string;
  departmentName: string;
  channelId: string | null;
  assigneeId: string | null;
  status: StepStatus;
  progress: number;
  /** The latest progress note, shown while the step is under way. */
  note?: string;
  /** An inspection that failed and waits for the rework: its problem is not resolved yet. */
  failed?: boolean;
}

export const stepActions = {
  accept: 'step.accept',
  start: 'step.start',
  done: 'step.done',
  ship: 'step.ship',
  delivered: 'step.delivered',
  progress: 'step.progress',
  reassign: 'step.reassign',
  problem: 'step.problem',
  fail: 'step.fail',
} as const;

/** The department whose steps are inspections: its card offers Fail beside Done. */
export const inspectionDepartmentKey = 'qa';

/** A route line shows only the start of a long note; the whole note is in the card's thread. */
const noteOnRoute = 100;

/** What a step button carries: the step, and the order version the card showed. */
export const stepButtonValue = (assignmentId: number, orderVersion: number) =>
  `${assignmentId}:${orderVersion}`;

const marks: Record<RouteStepView['status'], string> = {
  pending: ':white_circle:',
  open: ':large_yellow_circle:',
  accepted: ':large_blue_circle:',
  started: ':arrow_forward:',
  done: ':white_check_mark:',
  cancelled: ':x:',
};

/** The state in words as well: an emoji alone means nothing to someone new, or to a screen reader. */
const words: Record<RouteStepView['status'], string> = {
  pending: 'to come',
  open: 'waiting to be accepted',
  accepted: 'accepted',
  started: 'started',
  done: 'done',
  cancelled: 'cancelled',
};

/**
 * "✅ Production (@ann) done → ▶ QA (@bo, 40 % — _frame welded_) started → ⚪ Logistics to come":
 * where the order is on its way.
 */
export function routeLine(route: readonly RouteStepView[]): string {
  return route
    .map((s) => {
      const who = s.assigneeId ? mention(s.assigneeId) : s.status === 'pending' ? '' : 'unassigned';
      const working = (stepsTaken as readonly string[]).includes(s.status);
      const progress = working && s.progress ? `, ${s.progress} %` : '';
      const note = working && s.note ? ` — _${escapeMrkdwn(truncate(s.note, noteOnRoute))}_` : '';
      const detail = who || progress || note ? ` (${who}${progress}${note})` : '';
      const failed = s.failed && isStepUnderWay(s.status);
      const mark = failed ? ':x:' : marks[s.status];
      const state = failed ? 'failed, waiting for the rework' : words[s.status];
      return `${mark} ${escapeMrkdwn(s.departmentName)}${detail} ${state}`;
    })
    .join(' → ');
}

/** The step that is under way: open, accepted or started. */
export function currentStep(route: readonly RouteStepView[]): RouteStepView | null {
  return route.find((s) => isStepUnderWay(s.status)) ?? null;
}

/**
 * The buttons a card in `channel` offers: the next move of the current step when it belongs to
 * this channel's department (the primary button; an inspection also has Fail), then Progress,
 * Reassign and Report problem while the step is under way; and Delivered on logistics' card once the order is shipped.
 */
export function stepButtons(
  route: readonly RouteStepView[],
  channel: string,
  order: { status: string; version: number },
): Record<string, unknown>[] {
  const button = (actionId: string, text: string, value: string, style?: 'primary' | 'danger') => ({
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text },
    value,
    ...(style ? { style } : {}),
  });
  if (order.status === 'shipped') {
    const logistics = route.findLast((s) => s.departmentKey === 'logistics' && s.channelId === channel);
    return logistics
      ? [
          button(
            stepActions.delivered,
            'Delivered',
            stepButtonValue(logistics.assignmentId, order.version),
            'primary',
          ),
        ]
      : [];
  }
  if (order.status === 'on_hold' || order.status === 'cancelled') return [];
  const step = currentStep(route);
  if (!step || step.channelId !== channel) return [];
  const value = stepButtonValue(step.assignmentId, order.version);
  const progress = button(stepActions.progress, 'Progress…', value);
  const others = [
    button(stepActions.reassign, 'Reassign…', value),
    button(stepActions.problem, 'Report problem…', value),
  ];
  switch (step.status) {
    case 'open':
      return [button(stepActions.accept, 'Accept', value, 'primary'), ...others];
    case 'accepted':
      return [button(stepActions.start, 'Start', value, 'primary'), progress, ...others];
    case 'started':
      if (step.departmentKey === 'logistics')
        return [button(stepActions.ship, 'Done: shipped…', value, 'primary'), progress, ...others];
      if (step.departmentKey === inspectionDepartmentKey)
        return [
          button(stepActions.done, 'Done: passed', value, 'primary'),
          button(stepActions.fail, 'Fail…', value, 'danger'),
          progress,
          ...others,
        ];
      return [button(stepActions.done, 'Done', value, 'primary'), progress, ...others];
    default:
      return [];
  }
}
