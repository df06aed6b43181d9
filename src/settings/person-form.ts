import { z } from 'zod';
import { contradictingRoles, type Role, roles } from '../auth/roles.ts';
import { type Block, context, escapeMrkdwn, mention, plain, section } from '../blocks/block-kit.ts';
import { type Choice, checkboxesElement, input, selectElement } from '../blocks/form-inputs.ts';
import { inputValues, list, single } from '../blocks/view-values.ts';
import { settingsIds } from './settings-ids.ts';
import type { PersonRow } from './settings-queries.ts';

const roleLabels: Record<Role, string> = {
  admin: 'Admin: enters orders, sets up orderdesk',
  manager: 'Manager: may act for every department',
  member: 'Department member: works on its department’s cards',
  viewer: 'Viewer: sees, changes nothing',
};
const awayTicked = 'away';
/** Slack's static_select takes at most 100 options. */
const MAX_DEPARTMENT_OPTIONS = 100;

/** A person as set in the form; the keys are its input block ids. */
export const personFields = z
  .object({
    roles: z.array(z.enum(roles, { error: 'Choose roles from the list' })),
    department: z.string().min(1).nullable(),
    away: z.boolean(),
  })
  .superRefine((p, ctx) => {
    if (p.roles.includes('member') && !p.department) {
      ctx.addIssue({
        code: 'custom',
        path: ['department'],
        message: 'A department member needs a department: choose one, or untick Department member',
      });
    }
    if (contradictingRoles(p.roles).length) {
      ctx.addIssue({
        code: 'custom',
        path: ['roles'],
        message: 'A viewer holds no other role: untick Viewer, or the other roles',
      });
    }
  });

export type PersonInput = z.output<typeof personFields>;

/** Whose form it is, their name as Slack gives it (for a person new to orderdesk), and the Settings view under it. */
export interface PersonFormMeta {
  userId: string;
  name: string;
  parent: { viewId: string; page: number } | null;
}

const metaSchema = z.object({
  userId: z.string().regex(/^[UW][A-Z0-9]{2,}$/),
  name: z.string(),
  parent: z.object({ viewId: z.string().min(1), page: z.number().int().min(0) }).nullable(),
});

export interface DepartmentChoice {
  id: number;
  key: string;
  name: string;
}

/** The form that sets one person's roles, department and away flag. */
export function buildPersonForm(
  meta: PersonFormMeta,
  person: PersonRow | undefined,
  departments: readonly DepartmentChoice[],
): Record<string, unknown> {
  const current = departments.find((d) => d.id === person?.departmentId);
  const roleChoices: Choice[] = roles.map((r) => ({ value: r, label: roleLabels[r] }));
  const offered = departments.slice(0, MAX_DEPARTMENT_OPTIONS).map((d) => ({ value: d.key, label: d.name }));
  const who = meta.name ? `*${escapeMrkdwn(meta.name)}*` : mention(meta.userId);
  const blocks: Block[] = [
    section(person ? who : `${who} is new to orderdesk: a viewer until you give them a role.`, 'person'),
    input('roles', 'Roles', checkboxesElement(roleChoices, person?.roles ?? []), {
      optional: true,
      hint: 'Nothing ticked makes them a viewer.',
    }),
    offered.length
      ? input('department', 'Department', selectElement(offered, current?.key, 'Choose a department'), {
          optional: true,
        })
      : context(['No departments yet: add one in Settings before making anyone a department member.']),
    input(
      'away',
      'Away',
      checkboxesElement(
        [{ value: awayTicked, label: 'Away: skip them when picking who gets an order' }],
        person?.away ? [awayTicked] : [],
      ),
      { optional: true },
    ),
  ];
  return {
    type: 'modal',
    callback_id: settingsIds.personCallbackId,
    private_metadata: JSON.stringify(meta),
    title: plain('Person', 24),
    submit: plain('Save', 24),
    close: plain('Back', 24),
    blocks,
  };
}

/** The form's input block ids, top to bottom. */
export function personInputIds(view: { blocks?: readonly { type?: string; block_id?: string }[] }): string[] {
  return (view.blocks ?? []).flatMap((b) => (b.type === 'input' && b.block_id ? [b.block_id] : []));
}

/** A submitted person form: whose, and what was set. */
export function readPersonForm(view: { private_metadata: string; state: { values: unknown } }) {
  const meta: PersonFormMeta = metaSchema.parse(JSON.parse(view.private_metadata));
  const v = inputValues(view.state.values);
  return {
    meta,
    fields: {
      roles: list(v.roles),
      department: single(v.department),
      away: list(v.away).includes(awayTicked),
    },
  };
}
