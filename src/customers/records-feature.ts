import type { z } from 'zod';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import {
  type RecordCommandText,
  type RecordSubcommandSpec,
  recordSubcommand,
} from '../slack/record-subcommand.ts';
import { recordToEdit } from './edit-record.ts';
import { lookUpRecord } from './look-up-record.ts';
import type { RecordForm } from './record-form.ts';
import type { NamedRecord, RecordKind } from './record-kind.ts';
import { recordSaveListener } from './record-save-listener.ts';
import { findRecord, recordExists } from './record-store.ts';

export interface RecordsFeatureSpec<Row extends NamedRecord, Input, Fields> {
  kind: RecordKind<Row, Input>;
  form: RecordForm<Row, Fields>;
  /** Checks the form's values; the CSV import checks its rows with the same schema. */
  schema: z.ZodType<Input>;
  command: RecordCommandText;
  /** A fuller view than the card, when the kind has one (RecordSubcommandSpec's `view`). */
  view?: RecordSubcommandSpec<NamedRecord>['view'];
}

/** A kind of record in Slack: `/order <noun> add|edit|show` and the form it opens. */
export function recordsFeature<Row extends NamedRecord, Input, Fields>(
  deps: FeatureDeps,
  { kind, form, schema, command, view }: RecordsFeatureSpec<Row, Input, Fields>,
): SlackFeature {
  const { ctx } = deps;
  const subcommand = recordSubcommand<Row>({
    ...command,
    view,
    name: kind.noun,
    plural: kind.plural,
    keyOf: (record) => kind.table.keyOf(record),
    card: (record) => kind.card(record),
    lookUp: (actor, key) => lookUpRecord(ctx, kind, actor, key),
    toEdit: (actor, key) => recordToEdit(ctx, kind, actor, key),
    find: (key) => findRecord(kind, ctx.db, key),
    exists: (key) => recordExists(kind, key),
    addForm: (key) => form.addView(key),
    editForm: (record) => form.editView(record),
  });
  const recordFormSubmitted = recordSaveListener(deps, kind, form, schema);
  return {
    subcommands: [subcommand],
    register(router) {
      router.view(form.callbackId, recordFormSubmitted);
    },
  };
}
