import type { z } from 'zod';
import { readWith, type ViewSubmitArgs } from '../slack/modal-submit.ts';
import { plain, section } from './block-kit.ts';

export interface ReasonModal {
  callbackId: string;
  title: string;
  submit: string;
  close: string;
  /** What the submission acts on, carried back in private_metadata. */
  ref: string;
  /** A line above the question, in mrkdwn. */
  intro?: string;
  label: string;
  hint?: string;
  maxLength: number;
}

/** A modal that asks one thing, why (a rejection, a cancellation): its input is block and action `reason`. */
export function reasonModal(m: ReasonModal) {
  return {
    type: 'modal',
    callback_id: m.callbackId,
    title: plain(m.title, 24),
    submit: plain(m.submit, 24),
    close: plain(m.close, 24),
    private_metadata: m.ref,
    blocks: [
      ...(m.intro ? [section(m.intro)] : []),
      {
        type: 'input',
        block_id: 'reason',
        label: plain(m.label),
        element: { type: 'plain_text_input', action_id: 'reason', multiline: true, max_length: m.maxLength },
        ...(m.hint ? { hint: plain(m.hint) } : {}),
      },
    ],
  };
}

/** The reason typed into a `reasonModal`, checked by the form's own rule; its problem goes under the input. */
export function readReason(values: ViewSubmitArgs['view']['state']['values'], rule: z.ZodType<string>) {
  return readWith(rule.safeParse(values.reason?.reason?.value ?? ''), () => 'reason');
}
