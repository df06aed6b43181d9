import { z } from 'zod';
import { plain } from '../blocks/block-kit.ts';
import { channelSelectElement, input } from '../blocks/form-inputs.ts';
import { inputValues, single } from '../blocks/view-values.ts';
import { slackId } from '../db/field-rules.ts';
import { settingsIds } from './settings-ids.ts';

/** The desk's own channels, by purpose: what each gets, as the form and the Settings modal say it. */
export const deskChannelPurposes = {
  exceptions: {
    label: 'Problems channel',
    hint: 'Every problem’s card, besides its department’s channel. Blank: the department’s channel alone.',
  },
  managers: {
    label: 'Managers channel',
    hint: 'The desk’s summaries for managers.',
  },
} as const;
export type DeskChannelPurpose = keyof typeof deskChannelPurposes;
export type DeskChannelChoice = Record<DeskChannelPurpose, string | null>;

const parentSchema = z.object({ viewId: z.string().min(1), page: z.number().int().min(0) }).nullable();
export type SettingsParent = z.infer<typeof parentSchema>;

export const deskChannelsInput = z.object({
  exceptions: slackId('Problems channel', 'channel'),
  managers: slackId('Managers channel', 'channel'),
});

/** Edit desk channels: a channel picker for each purpose, prefilled with the one chosen now. */
export function buildDeskChannelsForm(current: DeskChannelChoice, parent: SettingsParent) {
  return {
    type: 'modal',
    callback_id: settingsIds.channelsCallbackId,
    private_metadata: JSON.stringify({ parent }),
    title: plain('Desk channels', 24),
    submit: plain('Save', 24),
    close: plain('Back', 24),
    blocks: (Object.keys(deskChannelPurposes) as DeskChannelPurpose[]).map((purpose) =>
      input(
        purpose,
        deskChannelPurposes[purpose].label,
        channelSelectElement(current[purpose], 'Choose a channel'),
        { optional: true, hint: `${deskChannelPurposes[purpose].hint} Invite orderdesk if it is private.` },
      ),
    ),
  };
}

/** A submitted form: the Settings view under it, and the channels as picked. */
export function readDeskChannelsForm(view: { private_metadata: string; state: { values: unknown } }) {
  const meta = z.object({ parent: parentSchema }).parse(JSON.parse(view.private_metadata));
  const v = inputValues(view.state.values);
  return { parent: meta.parent, fields: { exceptions: single(v.exceptions), managers: single(v.managers) } };
}
