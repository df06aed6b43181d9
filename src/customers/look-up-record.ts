import { type Actor, requireRole } from '../auth/roles.ts';
import type { UseCaseContext } from '../context.ts';
import type { NamedRecord, RecordKind } from './record-kind.ts';
import { getRecord } from './record-store.ts';

/** Terms and credit are for the people who work orders, not for every viewer of the workspace. */
export async function lookUpRecord<Row extends NamedRecord, Input>(
  ctx: UseCaseContext,
  kind: RecordKind<Row, Input>,
  actor: Actor,
  key: string,
): Promise<Row> {
  requireRole(actor, ['manager', 'member'], `look up ${kind.plural}`);
  return getRecord(kind, ctx.db, key);
}
