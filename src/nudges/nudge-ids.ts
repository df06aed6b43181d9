import { z } from 'zod';

export const snoozeChoices = {
  '1d': { label: '1 day', ms: 24 * 3_600_000 },
  '3d': { label: '3 days', ms: 3 * 24 * 3_600_000 },
} as const;
export type NudgeSnooze = keyof typeof snoozeChoices;

/** The Snooze buttons under every nudge. */
export const nudgeActions = {
  snooze: { '1d': 'nudge.snooze_1d', '3d': 'nudge.snooze_3d' } as const satisfies Record<NudgeSnooze, string>,
} as const;

export const nudgeKinds = {
  delivery: 'nudge.delivery',
  accept: 'nudge.accept',
  sweep: 'nudge.sweep',
} as const;

/** One delivery nudge per order and delivery date: a new date starts afresh, the old one stops. */
export const deliveryNudgeKey = (orderId: number, deliveryDate: string) => `order:${orderId}:${deliveryDate}`;
/** One accept nudge per opening of a step: reopened (reassigned back) is a new wait. */
export const acceptNudgeKey = (assignmentId: number, openedAt: Date) =>
  `step:${assignmentId}:${openedAt.getTime()}`;

/** What a Snooze button carries: the job of the nudge it is under, checked at the edge. */
export const nudgeRef = z
  .string()
  .regex(
    /^nudge\.(delivery|accept)\|(order:\d{1,15}:\d{4}-\d{2}-\d{2}|step:\d{1,15}:\d{1,15})$/,
    'not a nudge',
  )
  .transform((value) => {
    const [kind = '', key = ''] = value.split('|');
    return { kind, key };
  });
export const encodeNudgeRef = (kind: string, key: string) => `${kind}|${key}`;
