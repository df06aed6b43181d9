import { type Actor, requireRole } from '../auth/roles.ts';
import type { UseCaseContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { NamedRecord, RecordKind } from './record-kind.ts';
import { recordExists } from './record-store.ts';
import { savedNotice } from './saved-notice.ts';

/** An admin adds a record; the admin is told by DM once it is stored. */
export async function addRecord<Row extends NamedRecord, Input>(
  ctx: UseCaseContext,
  kind: RecordKind<Row, Input>,
  actor: Actor,
  input: Input,
): Promise<Row> {
  requireRole(actor, ['admin'], `add ${kind.plural}`);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // The unique index decides, so two admins adding the same key at once cannot both win.
    const row = await kind.table.insertNew(tx, { ...input, createdAt: now, updatedAt: now });
    if (!row) throw new AppError('conflict', recordExists(kind, kind.table.keyOf(input)));
    await enqueue(tx, now, [savedNotice(kind, actor.userId, row, 'added')]);
    return row;
  });
}
