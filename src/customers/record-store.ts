import type { DbOrTx } from '../db/client.ts';
import { AppError } from '../errors.ts';
import type { NamedRecord, RecordKind } from './record-kind.ts';

type Noun = Pick<RecordKind<NamedRecord, unknown>, 'noun'>;

export async function findRecord<Row extends NamedRecord, Input>(
  kind: RecordKind<Row, Input>,
  db: DbOrTx,
  key: string,
): Promise<Row | undefined> {
  const [row] = await kind.table.select(db, [key]);
  return row;
}

export async function getRecord<Row extends NamedRecord, Input>(
  kind: RecordKind<Row, Input>,
  db: DbOrTx,
  key: string,
): Promise<Row> {
  const row = await findRecord(kind, db, key);
  if (!row) throw new AppError('not_found', noSuchRecord(kind, key));
  return row;
}

/** Each refusal names the command that gets the person further. */
export const noSuchRecord = ({ noun }: Noun, key: string) =>
  `There is no ${noun} ${key}. Add it with /order ${noun} add ${key}.`;

export const recordExists = ({ noun }: Noun, key: string) =>
  `There is already a ${noun} ${key}. Change it with /order ${noun} edit ${key}.`;
