import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { FeatureDeps } from './feature.ts';
import { replyForError } from './reply-for-error.ts';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

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
      const reply = replyForError(error, deps.logger);
      // The same buttons on the App Home come without a response_url: the answer goes by DM.
      if ('response_url' in args.body && args.body.response_url) {
        await args.respond({ response_type: 'ephemeral', replace_original: false, ...reply });
      } else {
        await args.client.chat
          .postMessage({ channel: args.body.user.id, ...reply })
          .catch((e: unknown) => deps.logger.warn('could not tell someone why their press was refused', e));
      }
    }
  };
}

/** The largest value of a Postgres `integer` column, such as an order's version. */
const MAX_INTEGER = 2_147_483_647;

/**
 * What card buttons carry: a record id and the order version the card showed, `"12:7"`, so a
 * click on a card older than the order is recognised and refused. Both are bounded here, at the
 * edge: a forged value such as `99999999999999999999:1` otherwise reached Postgres as a number
 * past bigint (error 22003). Ids stay within the integers a JS number holds exactly (zod's int).
 */
export const versionedRef = z
  .string()
  .regex(/^\d{1,16}:\d{1,10}$/, 'not a card reference')
  .transform((value) => {
    const [id = 0, version = 0] = value.split(':').map(Number);
    return { id, version };
  })
  .pipe(z.object({ id: z.int().positive(), version: z.int().min(0).max(MAX_INTEGER) }));

/** A card reference whose id is a step's (an assignment): the step and the version its card showed. */
export const stepAtVersion = versionedRef.transform(({ id, version }) => ({
  assignmentId: id,
  expectedVersion: version,
}));

/** A card reference whose id is the order's: the order and the version its card showed. */
export const orderAtVersion = versionedRef.transform(({ id, version }) => ({
  orderId: id,
  expectedVersion: version,
}));
