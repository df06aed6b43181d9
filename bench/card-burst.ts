import { performance } from 'node:perf_hooks';
import { WebClient } from '@slack/web-api';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { calendarDate } from '../src/calendar.ts';
import { renderCard } from '../src/cards.ts';
import { systemClock } from '../src/clock.ts';
import { parseConfig } from '../src/config.ts';
import type { UseCaseContext } from '../src/context.ts';
import type { Database, Db } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { queryRows, toNumber } from '../src/db/rows.ts';
import { orders, outbox, slackMessages } from '../src/db/schema.ts';
import { homeRenderer } from '../src/home/render-home.ts';
import { createLogger } from '../src/logger.ts';
import { createOrder } from '../src/orders/create-order.ts';
import { showOrderCard } from '../src/orders/order-cards.ts';
import { type OrderRow, updateOrderAtVersion } from '../src/orders/order-store.ts';
import { OutboxDispatcher } from '../src/outbox/dispatcher.ts';
import { type FakeSlack, startFakeSlack } from '../src/sandbox/fake-slack/index.ts';
import { onCleanup } from './cleanup.ts';
import { benchCatalog, seedBenchCatalog } from './order-intake.ts';

/** Each order's card is posted once and then updated this many times less one. */
export const CARD_VERSIONS = 5;
const botToken = 'xoxb-bench-cards';
const dayMs = 86_400_000;

export interface BurstReport {
  database: string;
  channels: number;
  orders: number;
  /** order_card rows the burst enqueued: a post and CARD_VERSIONS − 1 updates per order. */
  effects: number;
  enqueueMs: number;
  /** From the first enqueue to the last row marked sent. */
  wallMs: number;
  /** Calls that reached Slack during the burst and were answered 200 ok. */
  posts: number;
  updates: number;
  /** chat.postMessage calls answered 429 (Retry-After: 1) by the fake's per-channel limit. */
  rateLimited: number;
  otherCalls: number;
  rowsByStatus: Record<string, number>;
  cards: number;
  /** Cards missing from their channel, posted more than once, or not showing the order's last change. */
  lost: number;
  duplicated: number;
  stale: number;
  timedOut: boolean;
  firstDispatcherError: string | null;
}

/**
 * A burst of card posts and updates over `channels` channels, delivered by the real
 * OutboxDispatcher on the system clock to the fake Slack with Slack's one-post-a-second-per-
 * channel limit on. Orders are made with createOrder; each is shown in one channel
 * (showOrderCard, version 1), then changed CARD_VERSIONS − 1 times (its notes, at a new version)
 * and shown again, which queues an update. Everything is enqueued as fast as the database
 * takes it while the dispatcher runs; then the run waits for the outbox to empty and checks
 * what the channels show.
 */
export async function measureCardBurst(
  database: Database,
  opts: { label: string; effects: number; channels: number },
): Promise<BurstReport> {
  const { db } = database;
  await migrateDatabase(database);
  const config = parseConfig({});
  const ctx: UseCaseContext = {
    db,
    clock: systemClock,
    timeZone: config.ORDERDESK_TIMEZONE,
    pricePolicy: {
      priceWarnPercent: config.ORDERDESK_PRICE_WARN_PERCENT,
      priceFloorPercent: config.ORDERDESK_PRICE_FLOOR_PERCENT,
    },
    deliveryHorizonDays: config.ORDERDESK_DELIVERY_HORIZON_DAYS,
  };
  const orderCount = Math.max(1, Math.ceil(opts.effects / CARD_VERSIONS));
  const channels = Array.from(
    { length: opts.channels },
    (_, i) => `C0CARDS${String(i + 1).padStart(2, '0')}`,
  );
  const owners = Array.from({ length: orderCount }, (_, i) => `U0OWNER${String(i + 1).padStart(4, '0')}`);

  const slack = await startFakeSlack({ botToken });
  const stopSlack = onCleanup(() => slack.stop());
  const logs: string[] = [];
  const dispatcher = new OutboxDispatcher({
    db,
    clock: systemClock,
    logger: createLogger('warn', (line) => logs.push(line)),
    renderCard,
    renderHome: homeRenderer({
      clock: systemClock,
      timeZone: ctx.timeZone,
      policy: { admins: [], homeTeamId: slack.teamId },
    }),
    client: new WebClient(botToken, {
      slackApiUrl: slack.apiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      timeout: 10_000,
    }),
  });
  const stopDispatcher = onCleanup(() => dispatcher.stop());
  try {
    slack.setChannelRateLimit(true);
    for (const [i, id] of channels.entries())
      slack.addChannel({ id, name: `cards-${i + 1}`, is_member: true });
    for (const id of owners) slack.addUser({ id, name: id.toLowerCase() });

    const { customerId, productId } = await seedBenchCatalog(db);
    const deliveryDate = calendarDate(new Date(Date.now() + 30 * dayMs), ctx.timeZone);
    const placed: OrderRow[] = [];
    for (const ownerId of owners) {
      placed.push(
        await createOrder(ctx, {
          customerId,
          deliveryDate,
          paymentMethod: benchCatalog.paymentMethod,
          ownerId,
          lines: [{ productId, spec: 'blue', quantity: 10, unitPriceCents: 1250 }],
        }),
      );
    }
    // createOrder shows each card in its owner's DM first. One owner per order spreads those
    // over as many DMs, which the dispatcher sends in a few rounds before the burst begins.
    dispatcher.start();
    await waitForEmptyOutbox(db, 60_000);
    const [mark] = await queryRows<{ id: unknown }>(db, sql`select coalesce(max(id), 0) as id from outbox`);
    const before = toNumber(mark?.id);
    const callsBefore = slack.calls.length;
    const limitedBefore = slack.stats.rateLimited;

    const startedAt = Date.now();
    const began = performance.now();
    for (let version = 1; version <= CARD_VERSIONS; version++) {
      for (const [i, order] of placed.entries()) {
        const channel = channels[i % channels.length] ?? '';
        placed[i] = await db.transaction(async (tx) => {
          const now = systemClock.now();
          const shown =
            version === 1
              ? order
              : await updateOrderAtVersion(tx, order.id, order.version, now, {
                  notes: `Bench revision ${version - 1}`,
                });
          await showOrderCard(tx, now, shown, channel);
          return shown;
        });
        dispatcher.wake();
      }
    }
    const enqueueMs = performance.now() - began;
    // At most one row a second per channel, plus the retries a 429 costs.
    const timedOut = !(await waitForEmptyOutbox(db, 60_000 + 3000 * Math.ceil(opts.effects / opts.channels)));
    await stopDispatcher();

    const burst = gt(outbox.id, before);
    const statuses = await db
      .select({ status: outbox.status, n: sql<number>`count(*)::int` })
      .from(outbox)
      .where(burst)
      .groupBy(outbox.status);
    const [last] = await db
      .select({ at: sql`max(${outbox.sentAt})`.mapWith(outbox.sentAt) })
      .from(outbox)
      .where(burst);
    const calls = slack.calls.slice(callsBefore);
    const rateLimited = slack.stats.rateLimited - limitedBefore;
    const postCalls = calls.filter((c) => c.method === 'chat.postMessage').length;
    const updates = calls.filter((c) => c.method === 'chat.update').length;
    const check = await checkCards(db, slack, channels, `Bench revision ${CARD_VERSIONS - 1}`);
    const rowsByStatus = Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)]));
    return {
      database: opts.label,
      channels: channels.length,
      orders: placed.length,
      effects: Object.values(rowsByStatus).reduce((a, b) => a + b, 0),
      enqueueMs,
      wallMs: (last?.at?.getTime() ?? Date.now()) - startedAt,
      posts: postCalls - rateLimited,
      updates,
      rateLimited,
      otherCalls: calls.length - postCalls - updates,
      rowsByStatus,
      ...check,
      timedOut,
      firstDispatcherError: logs[0] ?? null,
    };
  } finally {
    await stopDispatcher();
    await stopSlack();
  }
}

/** Polls until no row is pending or being sent; false if `timeoutMs` passed first. */
async function waitForEmptyOutbox(db: Db, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [waiting] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(outbox)
      .where(inArray(outbox.status, ['pending', 'sending']));
    if (Number(waiting?.n ?? 0) === 0) return true;
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Every card the database says is shown in a burst channel must be there exactly once (a
 * top-level message starting with its order number) at the ts the database recorded, showing
 * the order's last change.
 */
async function checkCards(db: Db, slack: FakeSlack, channels: readonly string[], latest: string) {
  const shown = await db
    .select({ channel: slackMessages.channel, ts: slackMessages.ts, number: orders.number })
    .from(slackMessages)
    .innerJoin(orders, eq(orders.id, slackMessages.orderId))
    .where(and(eq(slackMessages.card, 'order'), inArray(slackMessages.channel, [...channels])));
  let lost = 0;
  let duplicated = 0;
  let stale = 0;
  for (const card of shown) {
    const topLevel = slack.messages(card.channel).filter((m) => !m.thread_ts || m.thread_ts === m.ts);
    const copies = topLevel.filter((m) => m.text.startsWith(`${card.number} `));
    const recorded = topLevel.find((m) => m.ts === card.ts);
    if (!card.ts || !recorded || copies.length === 0) lost++;
    else if (!JSON.stringify(recorded.blocks ?? []).includes(latest)) stale++;
    if (copies.length > 1) duplicated += copies.length - 1;
  }
  return { cards: shown.length, lost, duplicated, stale };
}
