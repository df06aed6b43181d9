import type { types, ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import { escapeMrkdwn, mrkdwn, plain } from '../blocks/block-kit.ts';
import { type FormRead, readWith } from '../slack/modal-submit.ts';
import { problemTypes, severities } from './problem-kinds.ts';

export const problemFormId = 'problem.report';
export const resolveFormId = 'exception.resolve_details';

export type Values = ViewOutput['state']['values'];

const option = (value: string, text: string) => ({ text: plain(text, 75), value });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** What the Report problem form is about: the order, the department preselected, and the departments to pick from. */
export interface ProblemFormSubject {
  orderNumber: string;
  /** `orderId:version`, carried back in private_metadata. */
  ref: string;
  departments: readonly { id: number; name: string }[];
  departmentId: number | null;
}

export function problemForm(s: ProblemFormSubject): types.ModalView {
  const departments = s.departments.slice(0, 100).map((d) => option(String(d.id), d.name));
  const chosen = departments.find((d) => d.value === String(s.departmentId));
  const typeOptions = Object.entries(problemTypes).map(([value, text]) => option(value, text));
  const severityOptions = severities.map((v) => option(v, v[0]?.toUpperCase() + v.slice(1)));
  return {
    type: 'modal',
    callback_id: problemFormId,
    title: plain('Report a problem', 24),
    submit: plain('Report', 24),
    close: plain('Cancel', 24),
    private_metadata: s.ref,
    blocks: [
      { type: 'context', elements: [mrkdwn(`*${escapeMrkdwn(s.orderNumber)}*`)] },
      {
        type: 'input',
        block_id: 'type',
        label: plain('What kind of problem?'),
        element: {
          type: 'static_select',
          action_id: 'type',
          options: typeOptions,
        },
      },
      {
        type: 'input',
        block_id: 'severity',
        label: plain('Severity'),
        element: {
          type: 'static_select',
          action_id: 'severity',
          options: severityOptions,
        },
      },
      {
        type: 'input',
        block_id: 'description',
        label: plain('What is wrong?'),
        element: { type: 'plain_text_input', action_id: 'description', multiline: true, max_length: 2000 },
      },
      {
        type: 'input',
        block_id: 'expected',
        optional: true,
        label: plain('Expected new delivery date, if it moves'),
        element: { type: 'datepicker', action_id: 'expected' },
      },
      {
        type: 'input',
        block_id: 'department',
        label: plain('Which department owns it?'),
        element: {
          type: 'static_select',
          action_id: 'department',
          options: departments,
          ...(chosen ? { initial_option: chosen } : {}),
        },
      },
    ],
  };
}

const problemInput = z.object({
  type: z.enum(Object.keys(problemTypes) as [keyof typeof problemTypes], {
    error: 'Pick what kind of problem.',
  }),
  severity: z.enum(severities, { error: 'Pick a severity.' }),
  description: z.string().trim().min(1, 'Say what is wrong.').max(2000, 'At most 2000 characters.'),
  expectedDate: date.nullable(),
  departmentId: z.coerce
    .number({ error: 'Pick the department that owns it.' })
    .int()
    .positive('Pick the department that owns it.'),
});
export type ProblemInput = z.infer<typeof problemInput>;

const problemBlocks: Record<string, string> = {
  type: 'type',
  severity: 'severity',
  description: 'description',
  expectedDate: 'expected',
  departmentId: 'department',
};

/** The form's values checked; each problem under its input. The date's place in time is the use case's to judge. */
export function readProblemForm(values: Values): FormRead<ProblemInput> {
  return readWith(
    problemInput.safeParse({
      type: values.type?.type?.selected_option?.value ?? '',
      severity: values.severity?.severity?.selected_option?.value ?? '',
      description: values.description?.description?.value ?? '',
      expectedDate: values.expected?.expected?.selected_date ?? null,
      departmentId: values.department?.department?.selected_option?.value ?? '',
    }),
    problemBlocks,
  );
}

/** Resolve: root cause, what was done, and the new delivery date if it moves. */
export function resolveForm(ref: string, about: string): types.ModalView {
  const text = (blockId: string, label: string) => ({
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element: { type: 'plain_text_input', action_id: blockId, multiline: true, max_length: 1000 },
  });
  return {
    type: 'modal',
    callback_id: resolveFormId,
    title: plain('Resolve problem', 24),
    submit: plain('Resolve', 24),
    close: plain('Cancel', 24),
    private_metadata: ref,
    blocks: [
      { type: 'context', elements: [mrkdwn(about)] },
      text('cause', 'Root cause'),
      text('action', 'Action taken'),
      {
        type: 'input',
        block_id: 'date',
        optional: true,
        label: plain('New delivery date, if it moves'),
        element: { type: 'datepicker', action_id: 'date' },
      },
    ],
  };
}

const resolveInput = z.object({
  rootCause: z.string().trim().min(1, 'Say what caused it.').max(1000, 'At most 1000 characters.'),
  actionTaken: z.string().trim().min(1, 'Say what was done about it.').max(1000, 'At most 1000 characters.'),
  newDeliveryDate: date.nullable(),
});
export type ResolveInput = z.infer<typeof resolveInput>;

export function readResolveForm(values: Values): FormRead<ResolveInput> {
  return readWith(
    resolveInput.safeParse({
      rootCause: values.cause?.cause?.value ?? '',
      actionTaken: values.action?.action?.value ?? '',
      newDeliveryDate: values.date?.date?.selected_date ?? null,
    }),
    { rootCause: 'cause', actionTaken: 'action', newDeliveryDate: 'date' },
  );
}
