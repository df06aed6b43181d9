import { z } from 'zod';
import { plain } from '../blocks/block-kit.ts';
import type { FormRead } from '../slack/modal-submit.ts';
import type { CadenceChoice, SummaryPreference } from './summary-store.ts';

export const summarySettingsIds = {
  form: 'summary_settings',
  homeButton: 'home.summary_settings',
  cadence: 'cadence',
  hour: 'hour',
} as const;

const cadenceWords: Record<CadenceChoice, string> = {
  daily: 'Daily (working days)',
  weekly: 'Weekly (first working day of the week)',
  none: 'None',
};
const hourText = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** What a person reads back: "daily at 08:00", "none". */
export function describePreference(p: SummaryPreference): string {
  return p.cadence === 'none' ? 'no summary' : `the ${p.cadence} summary at ${hourText(p.hour)}`;
}

const option = (text: string, value: string) => ({ text: plain(text), value });

/** The form: how often, and at which hour of the manager's own clock. */
export function summarySettingsModal(current: SummaryPreference, timeZone: string): Record<string, unknown> {
  const cadences = (Object.keys(cadenceWords) as CadenceChoice[]).map((c) => option(cadenceWords[c], c));
  const hours = Array.from({ length: 24 }, (_, h) => option(hourText(h), String(h)));
  return {
    type: 'modal',
    callback_id: summarySettingsIds.form,
    title: plain('Summaries'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'input',
        block_id: summarySettingsIds.cadence,
        label: plain('Summary of the desk'),
        element: {
          type: 'static_select',
          action_id: summarySettingsIds.cadence,
          options: cadences,
          initial_option: cadences.find((o) => o.value === current.cadence),
        },
      },
      {
        type: 'input',
        block_id: summarySettingsIds.hour,
        label: plain('At'),
        hint: plain(`On your own clock (${timeZone}), by DM.`),
        element: {
          type: 'static_select',
          action_id: summarySettingsIds.hour,
          options: hours,
          initial_option: hours[current.hour],
        },
      },
    ],
  };
}

const submitted = z.object({
  [summarySettingsIds.cadence]: z.object({
    [summarySettingsIds.cadence]: z.object({
      selected_option: z.object({ value: z.enum(['daily', 'weekly', 'none']) }),
    }),
  }),
  [summarySettingsIds.hour]: z.object({
    [summarySettingsIds.hour]: z.object({
      selected_option: z.object({ value: z.coerce.number().int().min(0).max(23) }),
    }),
  }),
});

/** The form's values, checked; an error per field Slack can show under it otherwise. */
export function readSummarySettings(values: unknown): FormRead<SummaryPreference> {
  const parsed = submitted.safeParse(values);
  if (!parsed.success) {
    return {
      ok: false,
      errors: { [summarySettingsIds.cadence]: 'Choose daily, weekly or none, and an hour.' },
    };
  }
  const v = parsed.data;
  return {
    ok: true,
    input: {
      cadence: v[summarySettingsIds.cadence][summarySettingsIds.cadence].selected_option.value,
      hour: v[summarySettingsIds.hour][summarySettingsIds.hour].selected_option.value,
    },
  };
}
