import { randomUUID } from 'node:crypto';
import type { SlackMessage } from '../outbox/effects.ts';
import type { OutboxEntry } from '../outbox/enqueue.ts';

/**
 * A DM to the person who saved a form. Every save is its own event, so the key is unique per
 * save: the row is written in the save's transaction, so it cannot be enqueued twice anyway.
 */
export function savedNotice(userId: string, what: string, message: SlackMessage): OutboxEntry {
  return {
    key: `${what}-saved:${randomUUID()}`,
    channel: userId,
    effect: { kind: 'message', v: 1, message },
  };
}
