import { z } from 'zod';
import type { Tx } from '../db/client.ts';
import {
  defineJobKind,
  type JobContext,
  type JobKind,
  type JobResult,
  type Urgency,
} from '../scheduler/job-kind.ts';

/** What an order job stores: the order's id and nothing else, read afresh when the job runs. */
const orderJobPayload = z.object({ orderId: z.int().positive() });

/** Who the timeline names for what orderdesk did by itself. */
export const systemActor = 'orderdesk';

/**
 * A job about one order, such as a follow-up after delivery: its handler is given the order's id
 * and looks up whether there is still anything to do, since the order may have moved on.
 */
export function defineOrderJob(spec: {
  kind: string;
  urgency?: Urgency;
  handle(ctx: JobContext, orderId: number, tx: Tx): Promise<JobResult> | Promise<void>;
}): JobKind<z.infer<typeof orderJobPayload>> {
  return defineJobKind({
    kind: spec.kind,
    payload: orderJobPayload,
    urgency: spec.urgency,
    handle: (ctx, { orderId }, tx) => spec.handle(ctx, orderId, tx),
  });
}
