import { type Actor, requireRole } from '../auth/roles.ts';
import type { UseCaseContext } from '../context.ts';
import type { NamedRecord, RecordKind } from './record-kind.ts';
import { getRecord } from './record-store.ts';

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
