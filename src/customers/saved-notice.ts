import { randomUUID } from 'node:crypto';
import { escapeMrkdwn, section } from '../blocks/block-kit.ts';
import type { OutboxEntry } from '../outbox/enqueue.ts';
import { capitalised, type NamedRecord, type RecordKind } from './record-kind.ts';

/**
 * The DM an admin gets once their form was saved: the record's card under a line saying what
 * happened. Every save is its own event, so the key is unique per save: the row is written in
 * the save's transaction, so it cannot be enqueued twice anyway.
 */
export function savedNotice<Row extends NamedRecord, Input>(
  kind: RecordKind<Row, Input>,
  userId: string,
  record: Row,
  verb: 'added' | 'updated',
): OutboxEntry {
  const key = kind.table.keyOf(record);
  const line = `:white_check_mark: ${capitalised(kind.noun)} *${key}* (${escapeMrkdwn(record.name)}) ${verb}.`;
  const message = { text: line, blocks: [section(line), ...kind.card(record).slice(1)] };
  return {
    key: `${kind.noun}-saved:${randomUUID()}`,
    channel: userId,
    effect: { kind: 'message', v: 1, message },
  };
}
