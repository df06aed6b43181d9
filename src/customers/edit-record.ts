import { type Actor, requireRole } from '../auth/roles.ts';
import type { UseCaseContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { NamedRecord, RecordKind } from './record-kind.ts';
import { getRecord, noSuchRecord } from './record-store.ts';
import { savedNotice } from './saved-notice.ts';

/** The record an admin is about to edit; refuses anyone else before a form is shown. */
export async function recordToEdit<Row extends NamedRecord, Input>(
  ctx: UseCaseContext,
  kind: RecordKind<Row, Input>,
  actor: Actor,
  key: string,
): Promise<Row> {
  requireRole(actor, ['admin'], `edit ${kind.plural}`);
  return getRecord(kind, ctx.db, key);
}

/** An admin changes a record, found by its key (which itself does not change). */
export async function editRecord<Row extends NamedRecord, Input>(
  ctx: UseCaseContext,
  kind: RecordKind<Row, Input>,
  actor: Actor,
  input: Input,
): Promise<Row> {
  requireRole(actor, ['admin'], `edit ${kind.plural}`);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await kind.table.update(tx, { ...input, updatedAt: now });
    if (!row) throw new AppError('not_found', noSuchRecord(kind, kind.table.keyOf(input)));
    await enqueue(tx, now, [savedNotice(kind, actor.userId, row, 'updated')]);
    return row;
  });
}
