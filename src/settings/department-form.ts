import { z } from 'zod';
import { type Block, escapeMrkdwn, plain, section } from '../blocks/block-kit.ts';
import {
  channelSelectElement,
  choicesOf,
  input,
  radioElement,
  textElement,
  userSelectElement,
} from '../blocks/form-inputs.ts';
import { inputValues, single } from '../blocks/view-values.ts';
import { asColumns, oneOf, quoted, slackId, text } from '../db/field-rules.ts';
import { departments } from '../db/schema.ts';
import { departmentKeyMaxLength, departmentKeyProblem } from './department-key.ts';
import { settingsIds } from './settings-ids.ts';
import type { DepartmentRow } from './settings-queries.ts';

export const capacityUnits = departments.capacityUnit.enumValues;
export type CapacityUnit = (typeof capacityUnits)[number];
const unitLabels: Record<CapacityUnit, string> = { orders: 'Orders a day', units: 'Units a day' };

export const capacityError = 'Capacity must be a whole number above 0, or blank for no limit';
/** More is a typing mistake, and stays far inside the integer column. */
const MAX_CAPACITY = 1_000_000;

function fail(ctx: z.core.$RefinementCtx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

const departmentKey = z
  .string({ error: 'Key is required' })
  .nullish()
  .transform((value, ctx): string => {
    const typed = (value ?? '').trim().toLowerCase();
    if (!typed) return fail(ctx, 'Key is required');
    const problem = departmentKeyProblem(typed);
    return problem ? fail(ctx, `${quoted(typed)} is not a valid key: it ${problem}`) : typed;
  });

/** Blank is "no limit", stored as 0: the capacity check skips departments without a limit. */
const capacity = z
  .string()
  .nullish()
  .transform((value, ctx): number => {
    const typed = (value ?? '').trim();
    if (!typed) return 0;
    if (!/^\d+$/.test(typed) || Number(typed) < 1) return fail(ctx, capacityError);
    if (Number(typed) > MAX_CAPACITY)
      return fail(ctx, `Capacity must be at most ${MAX_CAPACITY.toLocaleString('en-US')} a day`);
    return Number(typed);
  });

const channel = slackId('Channel', 'channel').transform(
  (id, ctx): string => id ?? fail(ctx, 'Choose the channel where the department gets its order cards'),
);

/** A department as typed; the keys are the form's input block ids, so errors land under their input. */
export const departmentFields = z.object({
  key: departmentKey,
  name: text('Name', { max: 80 }),
  channel,
  capacity,
  capacity_unit: oneOf('Capacity unit', capacityUnits, { empty: 'orders' }),
  manager: slackId('Manager', 'user'),
});

export const departmentInputSchema = asColumns(departmentFields, {
  channel: 'channelId',
  capacity: 'dailyCapacity',
  manager: 'managerId',
});

export type DepartmentFieldValues = z.input<typeof departmentFields>;
export type DepartmentInput = z.output<typeof departmentInputSchema>;

export type DepartmentTarget = { mode: 'add' } | { mode: 'edit'; key: string };

/** Which department the form is for, and the Settings view under it to refresh after a save. */
export interface DepartmentFormMeta {
  to: DepartmentTarget;
  parent: { viewId: string; page: number } | null;
}

const metaSchema = z.object({
  to: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('add') }),
    z.object({ mode: z.literal('edit'), key: z.string().min(1) }),
  ]),
  parent: z.object({ viewId: z.string().min(1), page: z.number().int().min(0) }).nullable(),
});

export function departmentToFields(d: DepartmentRow): DepartmentFieldValues {
  return {
    key: d.key,
    name: d.name,
    channel: d.channelId,
    capacity: d.dailyCapacity > 0 ? String(d.dailyCapacity) : '',
    capacity_unit: d.capacityUnit,
    manager: d.managerId,
  };
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

function inputs(values: Partial<DepartmentFieldValues>): Block[] {
  return [
    input('name', 'Name', textElement(str(values.name), { max: 80 })),
    input('channel', 'Channel', channelSelectElement(str(values.channel), 'Choose a channel'), {
      hint: 'Its order cards are posted here. Invite orderdesk if the channel is private.',
    }),
    input('capacity', 'Daily capacity', textElement(str(values.capacity), { max: 12 }), {
      optional: true,
      hint: 'How much it can take on in a day, e.g. 40. Blank for no limit.',
    }),
    input(
      'capacity_unit',
      'Capacity counts',
      radioElement(choicesOf(capacityUnits, unitLabels), str(values.capacity_unit) ?? 'orders'),
    ),
    input('manager', 'Manager', userSelectElement(str(values.manager), 'Choose a person'), {
      optional: true,
      hint: 'May press any of its cards’ buttons and hears about its escalations.',
    }),
  ];
}

/** The add or edit form of a department; an edit shows the key, which never changes. */
export function buildDepartmentForm(
  meta: DepartmentFormMeta,
  record?: DepartmentRow,
): Record<string, unknown> {
  const first =
    meta.to.mode === 'add' || !record
      ? input('key', 'Key', textElement(null, { max: departmentKeyMaxLength }), {
          hint: 'A short name for commands and files, e.g. production: lowercase letters, digits, hyphens.',
        })
      : section(
          `Department \`${record.key}\` — ${escapeMrkdwn(record.name)}. Its key stays as it is.`,
          'key_shown',
        );
  return {
    type: 'modal',
    callback_id: settingsIds.departmentCallbackId,
    private_metadata: JSON.stringify(meta),
    title: plain(meta.to.mode === 'add' ? 'Add department' : 'Edit department', 24),
    submit: plain('Save', 24),
    close: plain('Back', 24),
    blocks: [first, ...inputs(record ? departmentToFields(record) : {})],
  };
}

/** The form's input block ids, top to bottom: an error about anything else goes under the first. */
export function departmentInputIds(to: DepartmentTarget): string[] {
  const rest = ['name', 'channel', 'capacity', 'capacity_unit', 'manager'];
  return to.mode === 'add' ? ['key', ...rest] : rest;
}

/** A submitted form: which department, the Settings view under it, and the values as typed. */
export function readDepartmentForm(view: { private_metadata: string; state: { values: unknown } }): {
  meta: DepartmentFormMeta;
  fields: DepartmentFieldValues;
} {
  const meta = metaSchema.parse(JSON.parse(view.private_metadata));
  const v = inputValues(view.state.values);
  return {
    meta,
    fields: {
      key: meta.to.mode === 'edit' ? meta.to.key : single(v.key),
      name: single(v.name),
      channel: single(v.channel),
      capacity: single(v.capacity),
      capacity_unit: single(v.capacity_unit),
      manager: single(v.manager),
    },
  };
}
