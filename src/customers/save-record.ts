import { type Actor, requireRole } from '../auth/roles.ts';
import type { UseCaseContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { RecordFormTarget } from './record-form.ts';
import type { NamedRecord, RecordKind } from './record-kind.ts';
import { noSuchRecord, recordExists } from './record-store.ts';
import { savedNotice } from './saved-notice.ts';

/**
 * An admin adds a record, or changes one found by its key (which itself does not change); the
 * admin is told by DM once it is stored.
 */
export async function saveRecord<Row extends NamedRecord, Input>(
  ctx: UseCaseContext,
  kind: RecordKind<Row, Input>,
  actor: Actor,
  mode: RecordFormTarget['mode'],
  input: Input,
): Promise<Row> {
  requireRole(actor, ['admin'], `${mode} ${kind.plural}`);
  const now = ctx.clock.now();
  const key = kind.table.keyOf(input);
  return ctx.db.transaction(async (tx) => {
    // Adding, the unique index decides, so two admins adding the same key at once cannot both win.
    const row =
      mode === 'add'
        ? await kind.table.insertNew(tx, { ...input, createdAt: now, updatedAt: now })
        : await kind.table.update(tx, { ...input, updatedAt: now });
    if (!row) {
      throw mode === 'add'
        ? new AppError('conflict', recordExists(kind, key))
        : new AppError('not_found', noSuchRecord(kind, key));
    }
    await enqueue(tx, now, [savedNotice(kind, actor.userId, row, mode === 'add' ? 'added' : 'updated')]);
    return row;
  });
}
