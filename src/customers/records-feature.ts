import type { Actor } from '../auth/roles.ts';
import type { UseCaseContext } from '../context.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { type RecordCommandText, recordCommandTexts, recordSubcommand } from '../slack/record-subcommand.ts';
import type { Reply } from '../slack/subcommand.ts';
import { recordToEdit } from './edit-record.ts';
import { lookUpRecord } from './look-up-record.ts';
import type { RecordForm } from './record-form.ts';
import type { NamedRecord, RecordKind } from './record-kind.ts';
import { recordSaveListener } from './record-save-listener.ts';
import { findRecord, recordExists } from './record-store.ts';

export interface RecordsFeatureSpec<Row extends NamedRecord, Input, Fields> {
  kind: RecordKind<Row, Input>;
  form: RecordForm<Row, Fields>;
  command: RecordCommandText;
  /** A fuller view than the card, when the kind has one (RecordSubcommandSpec's `view`). */
  view?(ctx: UseCaseContext, actor: Actor, words: string): Promise<Reply>;
}

/** A kind of record in Slack: its `/order help` words, as data, and the feature that serves them. */
export function recordsSlack<Row extends NamedRecord, Input, Fields>(
  spec: RecordsFeatureSpec<Row, Input, Fields>,
) {
  return {
    commands: recordCommandTexts(spec.kind.noun, spec.command),
    feature: (deps: FeatureDeps): SlackFeature => recordsFeature(deps, spec),
  };
}

/** `/order <noun> add|edit|show` and the form it opens. */
function recordsFeature<Row extends NamedRecord, Input, Fields>(
  deps: FeatureDeps,
  { kind, form, command, view }: RecordsFeatureSpec<Row, Input, Fields>,
): SlackFeature {
  const { ctx } = deps;
  const subcommand = recordSubcommand<Row>({
    ...command,
    view: view && ((actor, words) => view(ctx, actor, words)),
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
  const recordFormSubmitted = recordSaveListener(deps, kind, form);
  return {
    subcommands: [subcommand],
    register(router) {
      router.view(form.callbackId, recordFormSubmitted);
    },
  };
}
