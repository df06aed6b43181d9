import { z } from 'zod';
import { context, escapeMrkdwn, plain, section } from '../blocks/block-kit.ts';
import { type FormRead, readWith } from '../slack/modal-submit.ts';
import { customerMessageIds } from './customer-message-ids.ts';

/** Slack's limit for a plain_text_input, and what fits one section of the preview. */
export const messageMax = 2900;

const messageText = z
  .string()
  .trim()
  .min(1, 'Write the message, or close this and leave it unsent.')
  .max(messageMax, `At most ${messageMax} characters.`);

/** The edit form's one input, checked at the edge. */
export function readMessageText(
  values: Record<string, Record<string, { value?: string | null }>>,
): FormRead<string> {
  return readWith(messageText.safeParse(values.text?.text?.value ?? ''), () => 'text');
}

const where = (channel: string | null) =>
  channel
    ? `Goes to <#${channel}>, the customer's Slack Connect channel.`
    : 'The customer has no Slack Connect channel: you get the text to copy.';

/** Edit: the draft in one multi-line input; Preview shows it as the customer will read it. */
export function editMessageView(id: number, orderNumber: string, text: string, channel: string | null) {
  return {
    type: 'modal',
    callback_id: customerMessageIds.editForm,
    private_metadata: String(id),
    title: plain('Message to customer'),
    submit: plain('Preview'),
    close: plain('Cancel'),
    blocks: [
      context([`${orderNumber} · ${where(channel)}`]),
      {
        type: 'input',
        block_id: 'text',
        label: plain('Message'),
        element: {
          type: 'plain_text_input',
          action_id: 'text',
          multiline: true,
          max_length: messageMax,
          initial_value: text,
        },
      },
    ],
  };
}

/** Preview: the text as it will be posted; Send sends it, Back (Slack's close) leaves it unsent. */
export function previewMessageView(id: number, orderNumber: string, text: string, channel: string | null) {
  return {
    type: 'modal',
    callback_id: customerMessageIds.previewForm,
    private_metadata: String(id),
    title: plain('Preview'),
    submit: plain('Send'),
    close: plain('Not now'),
    blocks: [context([`${orderNumber} · ${where(channel)}`]), section(escapeMrkdwn(text))],
  };
}

/** After Send: where it went, or that it went before; the text to copy when it went nowhere. */
export function sentWords(orderNumber: string, channel: string | null, sentNow: boolean): string {
  if (!sentNow)
    return `:information_source: This message about ${orderNumber} was sent already; nothing was sent again.`;
  if (channel) return `:white_check_mark: Sent to <#${channel}>. It is on ${orderNumber}'s timeline.`;
  return `:clipboard: Ready to copy; it is on ${orderNumber}'s timeline.`;
}

/** The text as a block to copy from: shown unless it was just posted to the customer's channel. */
export const copyable = (text: string) => `\`\`\`${escapeMrkdwn(text)}\`\`\``;

export function sentView(orderNumber: string, text: string, channel: string | null, sentNow: boolean) {
  return {
    type: 'modal',
    title: plain('Message to customer'),
    close: plain('Done'),
    blocks: [
      section(sentWords(orderNumber, channel, sentNow)),
      ...(channel && sentNow ? [] : [section(copyable(text))]),
    ],
  };
}
