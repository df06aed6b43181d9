import { z } from 'zod';

/**
 * What an outbox row asks the dispatcher to do in Slack. Rows outlive deploys, so each shape is
 * versioned and parsed on the way out; a row no running version understands is marked dead
 * instead of stopping the dispatcher.
 */
const slackMessage = z.object({
  text: z.string(),
  blocks: z.array(z.record(z.string(), z.unknown())).optional(),
});
export type SlackMessage = z.infer<typeof slackMessage>;

export const cardKinds = ['order', 'credit_hold', 'exception', 'change'] as const;
export type CardKind = (typeof cardKinds)[number];
const cardKind = z.enum(cardKinds);

export const effectSchema = z.discriminatedUnion('kind', [
  /** Show one of the order's cards, as the order is now, in the row's channel: post it the first time, update it after. */
  z.object({
    kind: z.literal('order_card'),
    v: z.literal(1),
    orderId: z.number().int(),
    card: cardKind.default('order'),
  }),
  /** One line in the thread under the order's card in the row's channel. */
  z.object({ kind: z.literal('card_thread'), v: z.literal(1), orderId: z.number().int(), text: z.string() }),
  /** A message of its own: an alert in a department channel, or a DM when the channel is a user id. */
  z.object({ kind: z.literal('message'), v: z.literal(1), message: slackMessage }),
  /** The person's App Home, drawn as it is when sent; the row's channel is only its pacing key. */
  z.object({ kind: z.literal('home'), v: z.literal(1), userId: z.string().min(1) }),
  /** A reply in the thread of the message another row of the same channel posted (by its key). */
  z.object({
    kind: z.literal('thread_reply'),
    v: z.literal(1),
    parentKey: z.string(),
    message: slackMessage,
  }),
  /** Asks Slack for the person's time zone (users.info) and keeps it in person_time_zones. */
  z.object({ kind: z.literal('time_zone'), v: z.literal(1), userId: z.string().min(1) }),
  /** A file shared in the row's channel (a DM when it is a user id): a chart's PNG, a report's CSV. */
  z.object({
    kind: z.literal('file_upload'),
    v: z.literal(1),
    filename: z.string().min(1),
    title: z.string().min(1),
    /** The file itself: rows outlive the process that made them, so the bytes travel in the row. */
    contentBase64: z.string().min(1),
    initialComment: z.string().optional(),
  }),
]);
export type FileUpload = Extract<Effect, { kind: 'file_upload' }>;
export type Effect = z.infer<typeof effectSchema>;
