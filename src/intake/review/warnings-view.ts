import { plain, truncate } from '../../blocks/block-kit.ts';
import { orderModal } from '../modal/order-modal-ids.ts';
import type { Finding } from './review-rules.ts';

/**
 * Pushed over the order modal when the review found only warnings: the admin places the order
 * anyway or goes back to change it.
 */
export function buildWarningsView(draftId: string, warnings: readonly Finding[]): Record<string, unknown> {
  const list = warnings.map((w) => `• ${w.message}`).join('\n');
  return {
    type: 'modal',
    callback_id: orderModal.confirmCallbackId,
    title: plain('Check before placing', 24),
    submit: plain('Place order', 24),
    close: plain('Back', 24),
    private_metadata: draftId,
    blocks: [
      {
        type: 'section',
        block_id: 'warnings',
        text: {
          type: 'mrkdwn',
          text: truncate(
            `:warning: *${warnings.length === 1 ? 'One thing' : `${warnings.length} things`} to check:*\n${list}`,
            3000,
          ),
        },
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'Place the order as it is, or go back and change it.' }],
      },
    ],
  };
}

/** Shown instead when something changed between the review and the confirmation. */
export function buildStaleConfirmationView(problems: readonly string[]): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: orderModal.confirmCallbackId,
    title: plain('Not placed', 24),
    close: plain('Back', 24),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: truncate(
            `:x: The order was not placed:\n• ${problems.join('\n• ')}\nGo back and change it.`,
            3000,
          ),
        },
      },
    ],
  };
}
