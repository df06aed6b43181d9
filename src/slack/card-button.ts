import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { FeatureDeps } from './feature.ts';
import { replyForError } from './reply-for-error.ts';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * A button on a card: acknowledged at once (Slack's 3 seconds), then the work; a refusal or a
 * failure reaches only the person who pressed, as an ephemeral message under the card.
 */
export function cardButton(
  deps: Pick<FeatureDeps, 'logger' | 'afterWrite'>,
  work: (args: ButtonArgs) => Promise<void>,
) {
  return async (args: ButtonArgs) => {
    await args.ack();
    try {
      await work(args);
      deps.afterWrite();
    } catch (error) {
      await args.respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...replyForError(error, deps.logger),
      });
    }
  };
}

/**
 * What card buttons carry: a record id and the order version the card showed, `"12:7"`, so a
 * click on a card older than the order is recognised and refused.
 */
export const versionedRef = z
  .string()
  .regex(/^\d+:\d+$/, 'not a card reference')
  .transform((value) => {
    const [id = 0, version = 0] = value.split(':').map(Number);
    return { id, version };
  });
