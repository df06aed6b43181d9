import type { BlockAction, ButtonAction, SlackViewAction } from '@slack/bolt';
import { z } from 'zod';
import { asView, plain, section } from '../blocks/block-kit.ts';
import { isAppError } from '../errors.ts';
import { cardButton } from '../slack/card-button.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { replyForError } from '../slack/reply-for-error.ts';
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
  const { ctx, logger } = deps;
  const actorOf = (user: { id: string; team_id?: string }) =>
    deps.loadActor({ userId: user.id, teamId: user.team_id });
  const inlineError = (error: unknown) =>
    isAppError(error) ? error.message : replyForError(error, logger).text;

  return {
    register(router: SlackRouter) {
      router.action<BlockAction<ButtonAction>>(
        customerMessageIds.edit,
        cardButton(deps, async ({ action, body, client, respond }) => {
          const id = messageId.parse(action.value);
          const { message, number, channel } = await findCustomerMessage(
            ctx.db,
            await actorOf(body.user),
            id,
          );
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
        }),
      );
      router.action<BlockAction<ButtonAction>>(
        customerMessageIds.send,
        cardButton(deps, async ({ action, body, respond }) => {
          const sent = await sendCustomerMessage(
            ctx,
            await actorOf(body.user),
            messageId.parse(action.value),
          );
          const { channel, text } = sent.message;
          const words = sentWords(sent.orderNumber, channel, sent.now);
          await respond({
            response_type: 'ephemeral',
            replace_original: false,
            text: channel || !sent.now ? words : `${words}\n${copyable(text)}`,
          });
        }),
      );
      router.view<SlackViewAction>(customerMessageIds.editForm, async ({ ack, body, view }) => {
        const typed = readMessageText(view.state.values);
        if (!typed.ok) {
          await ack({ response_action: 'errors', errors: typed.errors });
          return;
        }
        try {
          const id = messageId.parse(view.private_metadata);
          const actor = await actorOf(body.user);
          await saveCustomerMessageText(ctx, actor, id, typed.text);
          const { number, channel } = await findCustomerMessage(ctx.db, actor, id);
          await ack({
            response_action: 'update',
            view: asView(previewMessageView(id, number, typed.text, channel)),
          });
        } catch (error) {
          await ack({ response_action: 'errors', errors: { text: inlineError(error) } });
        }
      });
      router.view<SlackViewAction>(customerMessageIds.previewForm, async ({ ack, body, view }) => {
        try {
          const sent = await sendCustomerMessage(
            ctx,
            await actorOf(body.user),
            messageId.parse(view.private_metadata),
          );
          await ack({
            response_action: 'update',
            view: asView(sentView(sent.orderNumber, sent.message.text, sent.message.channel, sent.now)),
          });
          deps.afterWrite();
        } catch (error) {
          await ack({
            response_action: 'update',
            view: asView(notSentView(inlineError(error))),
          });
        }
      });
    },
  };
}

const notSentView = (why: string) => ({
  type: 'modal',
  title: plain('Not sent'),
  close: plain('Close'),
  blocks: [section(`:warning: ${why}`)],
});
