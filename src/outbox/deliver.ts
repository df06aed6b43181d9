import { and, eq } from 'drizzle-orm';
import { isTimeZone } from '../calendar.ts';
import { orders, outbox, personTimeZones, slackMessages } from '../db/schema.ts';
import { classifySendError } from './classify-error.ts';
import type { Delivered, DeliveryDeps, DeliveryRow } from './delivery.ts';
import type { CardKind, Effect, SlackMessage } from './effects.ts';
import { effectMetadata, findPosted } from './find-posted.ts';
import { newerCardQueued, newerHomeQueued } from './newer-queued.ts';
import { uploadFile } from './upload-file.ts';

/**
 * Performs one effect in Slack. No transaction is open while Slack is called: on PGlite it
 * would block every other query, and on Postgres it would hold locks for a network round trip.
 */
export class EffectDelivery {
  readonly #dmChannels = new Map<string, string>();

  constructor(private readonly deps: DeliveryDeps) {}

  async deliver(row: DeliveryRow, effect: Effect): Promise<Delivered> {
    switch (effect.kind) {
      case 'message':
        return this.#post(row, effect.message);
      case 'card_thread':
        return this.#threadLine(row, effect.orderId, effect.text);
      case 'order_card':
        return this.#card(row, effect.orderId, effect.card);
      case 'home':
        return this.#home(row, effect.userId);
      case 'thread_reply':
        return this.#reply(row, effect.parentKey, effect.message);
      case 'time_zone':
        return this.#timeZone(effect.userId);
      case 'file_upload':
        return uploadFile(this.deps, row, await this.#resolve(row.channel), effect);
    }
  }

  /** Rows of one channel are sent in order, so the parent went first; had it died, the reply stands alone. */
  async #reply(row: DeliveryRow, parentKey: string, message: SlackMessage): Promise<Delivered> {
    const [parent] = await this.deps.db
      .select({ ts: outbox.slackTs })
      .from(outbox)
      .where(eq(outbox.idempotencyKey, parentKey));
    return this.#post(row, message, parent?.ts ?? undefined);
  }

  /** A read: asking twice does no harm, so a lost answer is simply asked again. */
  async #timeZone(userId: string): Promise<Delivered> {
    const { user } = (await this.deps.client.apiCall('users.info', { user: userId })) as {
      user?: { tz?: unknown };
    };
    const tz = typeof user?.tz === 'string' && isTimeZone(user.tz) ? user.tz : null;
    const checkedAt = this.deps.now();
    await this.deps.db
      .insert(personTimeZones)
      .values({ userId, timeZone: tz, checkedAt })
      .onConflictDoUpdate({ target: personTimeZones.userId, set: { timeZone: tz, checkedAt } });
    return { ts: null, skipped: true };
  }

  /**
   * A burst of changes queues one row per change; only the newest is drawn, since drawing
   * happens now and shows them all. views.publish replaces the whole tab, so nothing is kept.
   */
  async #home(row: { id: number; channel: string }, userId: string): Promise<Delivered> {
    if (await newerHomeQueued(this.deps.db, row)) {
      return { ts: null, skipped: true };
    }
    const view = await this.deps.renderHome(this.deps.db, userId);
    await this.deps.client.apiCall('views.publish', { user_id: userId, view });
    return { ts: null };
  }

  async #card(row: DeliveryRow, orderId: number, card: CardKind): Promise<Delivered> {
    const { db } = this.deps;
    const existing = await this.#cardTs(orderId, row.channel, card);
    // A newer request for the same card is queued behind this one: it will show the same or a
    // later state, so one update is enough. A card not posted yet is still posted now.
    if (existing && (await newerCardQueued(db, row, orderId, card))) return { ts: existing, skipped: true };
    const message = await this.deps.renderCard(db, orderId, card, row.channel);
    if (!message) return { ts: null, skipped: true };
    if (existing) {
      const channel = await this.#resolve(row.channel);
      try {
        // An update is idempotent: sending it again after a lost answer changes nothing.
        const metadata = effectMetadata(row.id);
        await this.deps.client.apiCall('chat.update', { channel, ts: existing, ...message, metadata });
        return { ts: existing };
      } catch (error) {
        if ((error as { data?: { error?: string } }).data?.error !== 'message_not_found') throw error;
      }
    }
    const posted = await this.#post(row, message);
    await db
      .update(slackMessages)
      .set({ ts: posted.ts, postedAt: this.deps.now() })
      .where(
        and(
          eq(slackMessages.orderId, orderId),
          eq(slackMessages.channel, row.channel),
          eq(slackMessages.card, card),
        ),
      );
    return posted;
  }

  async #threadLine(row: DeliveryRow, orderId: number, text: string): Promise<Delivered> {
    const ts = await this.#cardTs(orderId, row.channel, 'order');
    if (ts) return this.#post(row, { text }, ts);
    // The card never made it to this channel; the line still must not vanish.
    const [order] = await this.deps.db
      .select({ number: orders.number })
      .from(orders)
      .where(eq(orders.id, orderId));
    return this.#post(row, { text: `${order?.number ?? `Order ${orderId}`}: ${text}` });
  }

  /**
   * Posts the row's message, tagged with the row's id. Slack has no idempotency key, so when an
   * earlier attempt may have got through, its message is looked for first and adopted.
   */
  async #post(row: DeliveryRow, message: SlackMessage, threadTs?: string): Promise<Delivered> {
    const channel = await this.#resolve(row.channel);
    const earlier = row.maybeDelivered ? await this.#earlierPost(row, channel, threadTs) : null;
    if (earlier) return { ts: earlier };
    const result = await this.deps.client.apiCall('chat.postMessage', {
      channel,
      ...message,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      metadata: effectMetadata(row.id),
    });
    const { ts } = result as { ts?: unknown };
    return { ts: typeof ts === 'string' ? ts : null };
  }

  async #earlierPost(row: DeliveryRow, channel: string, threadTs?: string): Promise<string | null> {
    try {
      return await findPosted(this.deps.client, {
        channel,
        outboxId: row.id,
        since: row.firstAttemptAt,
        ...(threadTs ? { threadTs } : {}),
      });
    } catch (error) {
      // Slack refused the read (an install without the history scopes, a public channel the bot
      // posts to without being in it): a possible duplicate beats a message never sent.
      if (classifySendError(error).kind !== 'dead') throw error;
      this.deps.warn('could not look for an earlier post; posting again', { id: row.id, channel });
      return null;
    }
  }

  /** A user id means their DM with the bot, which only conversations.open can name. */
  async #resolve(target: string): Promise<string> {
    if (!/^[UW]/.test(target)) return target;
    const known = this.#dmChannels.get(target);
    if (known) return known;
    const opened = await this.deps.client.conversations.open({ users: target });
    const id = opened.channel?.id;
    if (!id) throw new Error(`conversations.open gave no channel for ${target}`);
    this.#dmChannels.set(target, id);
    return id;
  }

  async #cardTs(orderId: number, channel: string, card: CardKind): Promise<string | null> {
    const [row] = await this.deps.db
      .select({ ts: slackMessages.ts })
      .from(slackMessages)
      .where(
        and(
          eq(slackMessages.orderId, orderId),
          eq(slackMessages.channel, channel),
          eq(slackMessages.card, card),
        ),
      );
    return row?.ts ?? null;
  }
}
