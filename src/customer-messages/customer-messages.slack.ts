import { z } from 'zod';
import { asView, plain, section } from '../blocks/block-kit.ts';
import { type ButtonArgs, cardButton } from '../slack/card-button.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { featureKit } from '../slack/feature-kit.ts';
import { submitModal, type ViewSubmitArgs } from '../slack/modal-submit.ts';
import type { SlackRouter } from '../slack/router.ts';
import { customerMessageIds } from './customer-message-ids.ts';
import {
  copyable,
  editMessageView,
  previewMessageView,
  readMessageText,
  sentView,
  sentWords,
} from './message-modal.ts';
import {
  findCustomerMessage,
  saveCustomerMessageText,
  sendCustomerMessage,
} from './send-customer-message.ts';

/** What the offer's buttons and the modal carry: the message's id, checked at the edge. */
const messageId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** The owner's offer of a customer message: Edit & preview (a modal), and Send. */
export function customerMessagesFeature(deps: FeatureDeps): SlackFeature {
  const { ctx } = deps;
  const { actorOf, modal } = featureKit(deps, { namesInModals: false });

  /** Edit & preview: the text in a form, unless it went out already. */
  async function editPressed({ action, body, client, respond }: ButtonArgs) {
    const id = messageId.parse(action.value);
    const { message, number, channel } = await findCustomerMessage(ctx.db, await actorOf(body.user), id);
    if (message.status === 'sent') {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: sentWords(number, message.channel, false),
      });
      return;
    }
    await client.views.open({
      trigger_id: body.trigger_id,
      view: asView(editMessageView(id, number, message.text, channel)),
    });
  }

  async function sendPressed({ action, body, respond }: ButtonArgs) {
    const sent = await sendCustomerMessage(ctx, await actorOf(body.user), messageId.parse(action.value));
    const { channel, text } = sent.message;
    const words = sentWords(sent.orderNumber, channel, sent.now);
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: channel || !sent.now ? words : `${words}\n${copyable(text)}`,
    });
  }

  /** The edited text: kept, and shown as the customer will read it. */
  async function editFormSubmitted(args: ViewSubmitArgs) {
    const { body, view } = args;
    await submitModal(args, modal, {
      read: () => readMessageText(view.state.values),
      async run(text) {
        const id = messageId.parse(view.private_metadata);
        const actor = await actorOf(body.user);
        await saveCustomerMessageText(ctx, actor, id, text);
        const { number, channel } = await findCustomerMessage(ctx.db, actor, id);
        return { response_action: 'update', view: asView(previewMessageView(id, number, text, channel)) };
      },
      refused: { under: 'text' },
    });
  }

  /** Send, on the preview: the preview gives way to what was sent. */
  async function previewSent(args: ViewSubmitArgs) {
    const { body, view } = args;
    await submitModal(args, modal, {
      read: () => ({ ok: true, input: messageId.parse(view.private_metadata) }),
      async run(id) {
        const sent = await sendCustomerMessage(ctx, await actorOf(body.user), id);
        const { text, channel } = sent.message;
        return {
          response_action: 'update',
          view: asView(sentView(sent.orderNumber, text, channel, sent.now)),
        };
      },
      // The preview has no input to show a refusal under: it takes the preview's place.
      refused: { view: notSentView },
    });
  }

  return {
    register(router: SlackRouter) {
      router.action(customerMessageIds.edit, cardButton(deps, editPressed));
      router.action(customerMessageIds.send, cardButton(deps, sendPressed));
      router.view(customerMessageIds.editForm, editFormSubmitted);
      router.view(customerMessageIds.previewForm, previewSent);
    },
  };
}

const notSentView = (why: string) => ({
  type: 'modal',
  title: plain('Not sent'),
  close: plain('Close'),
  blocks: [section(`:warning: ${why}`)],
});
