import { z } from 'zod';
import { type Block, plain, section } from '../blocks/block-kit.ts';
import { initialText, input, textElement } from '../blocks/form-inputs.ts';
import { type InputValue, inputValues, single } from '../blocks/view-values.ts';
import { capitalised, type NamedRecord, type RecordKind } from './record-kind.ts';

/** What a kind's form is made of besides what every record form shares. */
export interface RecordFormSpec<Row, Fields> {
  /** The key as the edit form names it: "its code stays as it is". */
  keyLabel: string;
  /** The key's input, shown only when adding: a record's key never changes. */
  keyInput: { label: string; max: number; hint: string };
  /** Every input after the name, top to bottom, prefilled from `values`. */
  inputs(values: Partial<Fields>): Block[];
  /** The values as typed, from the submitted inputs and the key the form is for. */
  read(values: Record<string, InputValue>, key: string | null): Fields;
  /** A stored record back as typed values: what the edit form is prefilled with. */
  toFields(record: Row): Partial<Fields>;
}

/** Which record a form is for; it travels in the modal's private_metadata. */
export type RecordFormTarget = { mode: 'add' } | { mode: 'edit'; key: string };

type Submitted = { private_metadata: string; state: { values: unknown } };

export interface RecordForm<Row, Fields> {
  callbackId: string;
  addView(key: string | null): Record<string, unknown>;
  editView(record: Row): Record<string, unknown>;
  /** The form's input block ids, top to bottom. */
  inputIds(to: RecordFormTarget): string[];
  /** What a submitted form says: which record it is for, and the values as typed. */
  read(view: Submitted): { to: RecordFormTarget; fields: Fields };
}

const mode = z.enum(['add', 'edit']);
const keyInMetadata = z.string().min(1);

/** One modal for adding and editing a kind's records, told apart by its private_metadata. */
export function recordForm<Row extends NamedRecord, Input, Fields extends { name: unknown }>(
  kind: RecordKind<Row, Input>,
  spec: RecordFormSpec<Row, Fields>,
): RecordForm<Row, Fields> {
  const { noun } = kind;
  const keyField = kind.table.key;
  const callbackId = `${noun}_save`;
  // The metadata names the key by its field ({"mode":"edit","code":"ACME"}): the format forms
  // already open in Slack carry, so they can still be saved after a deploy.
  const metadata = (to: RecordFormTarget) =>
    JSON.stringify(to.mode === 'add' ? to : { mode: 'edit', [keyField]: to.key });
  const modal = (to: RecordFormTarget, blocks: Block[]) => ({
    type: 'modal',
    callback_id: callbackId,
    private_metadata: metadata(to),
    title: plain(`${to.mode === 'add' ? 'Add' : 'Edit'} ${noun}`, 24),
    submit: plain('Save', 24),
    close: plain('Cancel', 24),
    blocks,
  });
  // Every kind's record has a name, typed the same way.
  const inputs = (values: Partial<Fields>) => [
    input('name', 'Name', textElement(initialText(values.name), { max: 200 })),
    ...spec.inputs(values),
  ];
  const inputIds = (blocks: Block[]) =>
    blocks.flatMap((b) => (typeof b.block_id === 'string' ? [b.block_id] : []));
  return {
    callbackId,
    addView: (key) => {
      const { label, max, hint } = spec.keyInput;
      const keyInput = input(keyField, label, textElement(key, { max }), { hint });
      return modal({ mode: 'add' }, [keyInput, ...inputs({})]);
    },
    editView(record) {
      const key = kind.table.keyOf(record);
      const shown = section(
        `${capitalised(noun)} *${key}* — its ${spec.keyLabel} stays as it is.`,
        `${keyField}_shown`,
      );
      return modal({ mode: 'edit', key }, [shown, ...inputs(spec.toFields(record))]);
    },
    inputIds: (to) => [...(to.mode === 'add' ? [keyField] : []), ...inputIds(inputs({}))],
    read(view) {
      const raw = z.looseObject({ mode }).parse(JSON.parse(view.private_metadata));
      const to: RecordFormTarget =
        raw.mode === 'add' ? { mode: 'add' } : { mode: 'edit', key: keyInMetadata.parse(raw[keyField]) };
      const values = inputValues(view.state.values);
      return { to, fields: spec.read(values, to.mode === 'edit' ? to.key : single(values[keyField])) };
    },
  };
}
