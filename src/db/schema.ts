import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  type ExtraConfigColumn,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/*
 * Money is stored as whole cents in bigint columns: exact, and summed by Postgres without
 * numeric-to-string round trips (postgres.js returns numeric as strings, PGlite as numbers).
 * Timestamps are timestamptz; "now" comes from the injected clock, never from SQL now().
 */
const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const cents = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** A stored duration from one instant column to a later one, in whole microseconds (exact, unlike float seconds). */
const micros = (name: string, to: string, from: string) =>
  bigint(name, { mode: 'number' }).generatedAlwaysAs(
    sql.raw(`(extract(epoch from (${to} - ${from})) * 1000000)::bigint`),
  );
/** When a row was first written and last changed. */
const timestamps = () => ({
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
});
/**
 * What the order modal's search reads of customers and products: a code's start, or any part of
 * the code (M12X50 finds the SKU BOLT-M12X50-ZN) or of the name.
 */
const searchIndexes = (table: string, code: ExtraConfigColumn, name: ExtraConfigColumn) => [
  index(`${table}_${code.name}_prefix_idx`).on(sql`(lower(${code}) collate "C")`),
  index(`${table}_${code.name}_trgm_idx`).using('gin', code.op('gin_trgm_ops')),
  index(`${table}_name_trgm_idx`).using('gin', name.op('gin_trgm_ops')),
];
/** The order a row belongs to: deleting the order deletes the row. */
const orderId = () =>
  bigint('order_id', { mode: 'number' })
    .notNull()
    .references(() => orders.id, { onDelete: 'cascade' });
/** The department a row is owned by. */
const departmentId = () =>
  bigint('department_id', { mode: 'number' })
    .notNull()
    .references(() => departments.id);

export const customers = pgTable(
  'customers',
  {
    id: id(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    creditLimitCents: cents('credit_limit_cents').notNull().default(0),
    outstandingCents: cents('outstanding_cents').notNull().default(0),
    creditStop: boolean('credit_stop').notNull().default(false),
    paymentMethods: text('payment_methods').array().notNull().default(sql`'{}'::text[]`),
    tier: text('tier').notNull().default('standard'),
    accountOwnerId: text('account_owner_id'),
    connectChannelId: text('connect_channel_id'),
    ...timestamps(),
  },
  (t) => searchIndexes('customers', t.code, t.name),
);

export const products = pgTable(
  'products',
  {
    id: id(),
    sku: text('sku').notNull().unique(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    unit: text('unit').notNull().default('pcs'),
    listPriceCents: cents('list_price_cents').notNull(),
    packSize: integer('pack_size').notNull().default(1),
    minOrderQty: integer('min_order_qty').notNull().default(1),
    leadTimeDays: integer('lead_time_days').notNull().default(0),
    defaultSpec: text('default_spec').notNull().default(''),
    /** The product's guide for customers: put into the customer message drafted on delivery. */
    guideUrl: text('guide_url'),
    ...timestamps(),
  },
  (t) => searchIndexes('products', t.sku, t.name),
);

export const departments = pgTable('departments', {
  id: id(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  channelId: text('channel_id'),
  dailyCapacity: integer('daily_capacity').notNull().default(0),
  /** Whether capacity counts orders or units a day. */
  capacityUnit: text('capacity_unit', { enum: ['orders', 'units'] })
    .notNull()
    .default('orders'),
  managerId: text('manager_id'),
});

export const people = pgTable('people', {
  slackUserId: text('slack_user_id').primaryKey(),
  name: text('name').notNull().default(''),
  roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
  departmentId: bigint('department_id', { mode: 'number' }).references(() => departments.id),
  away: boolean('away').notNull().default(false),
  updatedAt: at('updated_at').notNull(),
});

/**
 * The customer each person last picked in their App Home's Customers section: a Home redrawn by
 * an order's change (the outbox) or by opening the tab keeps showing it.
 */
export const homeCustomerPicks = pgTable('home_customer_picks', {
  slackUserId: text('slack_user_id').primaryKey(),
  customerCode: text('customer_code').notNull(),
  pickedAt: at('picked_at').notNull(),
});

export const orders = pgTable(
  'orders',
  {
    id: id(),
    number: text('number').notNull().unique(),
    customerId: bigint('customer_id', { mode: 'number' })
      .notNull()
      .references(() => customers.id),
    status: text('status').notNull(),
    statusBeforeHold: text('status_before_hold'),
    /** Why an order on hold waits, set with the hold and cleared by its release. */
    holdKind: text('hold_kind', { enum: ['credit', 'exception', 'customer', 'manual'] }),
    holdReason: text('hold_reason'),
    deliveryDate: date('delivery_date', { mode: 'string' }).notNull(),
    paymentMethod: text('payment_method').notNull(),
    customerPo: text('customer_po'),
    notes: text('notes').notNull().default(''),
    ownerId: text('owner_id').notNull(),
    /** What the order was entered from (e.g. a modal's view id): a submission delivered twice makes one order. */
    intakeKey: text('intake_key').unique(),
    version: integer('version').notNull().default(1),
    totalCents: cents('total_cents').notNull().default(0),
    ...timestamps(),
    /**
     * What the order's events say, kept by a trigger on order_events in the inserting statement
     * (drizzle/0017_order_event_facts.sql), so a report reads one row per order instead of its
     * events: its first delivery, its first credit hold, and the first decision on that hold.
     */
    deliveredAt: at('delivered_at'),
    creditHeldAt: at('credit_held_at'),
    creditDecidedAt: at('credit_decided_at'),
    creditDecision: text('credit_decision', { enum: ['approved', 'rejected'] }),
    /** Received → delivered, kept by the database so a report reads it from an index instead of working it out per row. */
    cycleMicroseconds: micros('cycle_microseconds', 'delivered_at', 'created_at'),
    /** Credit hold → decision, kept like the cycle time. */
    creditDecisionMicroseconds: micros('credit_decision_microseconds', 'credit_decided_at', 'credit_held_at'),
  },
  (t) => [
    index('orders_customer_idx').on(t.customerId, t.createdAt),
    index('orders_status_idx').on(t.status, t.createdAt),
    index('orders_owner_idx').on(t.ownerId, t.createdAt),
    // Nudges and summaries read the orders not shipped yet by delivery date, and new orders by day.
    index('orders_unshipped_due_idx')
      .on(t.deliveryDate)
      .where(sql`${t.status} in ('received', 'confirmed', 'allocated', 'in_production', 'ready', 'on_hold')`),
    // New orders by day, and a report's period: what its figures read of an order is in the
    // index, so a period is read from the index alone.
    index('orders_report_idx').on(
      t.createdAt,
      t.status,
      t.totalCents,
      t.deliveryDate,
      t.deliveredAt,
      t.cycleMicroseconds,
      t.creditHeldAt,
      t.creditDecision,
      t.creditDecisionMicroseconds,
    ),
    // A customer's credit exposure sums their open orders on every order submitted: from this
    // index alone (orders/customer-credit.ts writes the same predicate).
    index('orders_exposure_idx')
      .on(t.customerId, t.totalCents)
      .where(sql`${t.status} not in ('completed', 'cancelled')`),
    // `/order list` and its More button page through open orders newest first (order-queries.ts).
    index('orders_open_idx').on(t.id.desc()).where(sql`${t.status} not in ('completed', 'cancelled')`),
  ],
);

/** One row per year; the counter is bumped in the order's own transaction, so numbers never repeat or skip. */
export const orderNumberCounters = pgTable('order_number_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

export const orderLines = pgTable(
  'order_lines',
  {
    orderId: orderId(),
    lineNo: integer('line_no').notNull(),
    productId: bigint('product_id', { mode: 'number' })
      .notNull()
      .references(() => products.id),
    spec: text('spec').notNull().default(''),
    quantity: integer('quantity').notNull(),
    unitPriceCents: cents('unit_price_cents').notNull(),
    amountCents: cents('amount_cents').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.lineNo] }),
    // A report for one product finds its orders without reading every line.
    index('order_lines_product_idx').on(t.productId, t.orderId),
  ],
);

export const orderEvents = pgTable(
  'order_events',
  {
    id: id(),
    orderId: orderId(),
    actor: text('actor').notNull(),
    type: text('type').notNull(),
    at: at('at').notNull(),
    data: jsonb('data').notNull().default({}),
  },
  (t) => [
    index('order_events_order_idx').on(t.orderId, t.id),
    // A summary counts the moves of a period (confirmed, shipped, …) without reading every event.
    index('order_events_type_at_idx').on(t.type, t.at),
    // Reports read a few kinds of event for many orders: each kind from its own small index.
    index('order_events_delivered_idx')
      .on(t.orderId, t.at)
      .where(sql`${t.type} = 'status_changed' and ${t.data}->>'after' = 'delivered'`),
    index('order_events_credit_idx')
      .on(t.orderId, t.at)
      .where(sql`${t.type} in ('credit_checked', 'credit_decided')`),
    index('order_events_problem_idx').on(t.orderId).where(sql`${t.type} = 'problem_reported'`),
  ],
);

export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** A channel id, or a user id for a DM (the dispatcher opens the DM). Also the pacing key. */
    channel: text('channel').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'dead'] })
      .notNull()
      .default('pending'),
    availableAt: at('available_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lockedBy: text('locked_by'),
    lockedUntil: at('locked_until'),
    slackTs: text('slack_ts'),
    /** When the row was first handed to Slack: a lost post is looked for from here on. */
    firstAttemptAt: at('first_attempt_at'),
    /**
     * An earlier attempt may have reached Slack (no answer, a 5xx, or its worker died), so the
     * next one looks for the message before posting it again.
     */
    maybeDelivered: boolean('maybe_delivered').notNull().default(false),
    lastError: text('last_error'),
    createdAt: at('created_at').notNull(),
    sentAt: at('sent_at'),
  },
  (t) => [
    index('outbox_ready_idx').on(t.channel, t.id).where(sql`${t.status} in ('pending', 'sending')`),
    // Before a card update is drawn: is a newer one for the same order's card waiting behind it?
    index('outbox_card_queue_idx')
      .on(t.channel, sql`((${t.payload}->>'orderId')::bigint)`, t.id)
      .where(sql`${t.status} = 'pending' and ${t.payload}->>'kind' = 'order_card'`),
  ],
);

/**
 * One row per running dispatcher, beaten every second: a lease whose holder stopped beating
 * (killed, frozen, cut off) is free at once, not when the lease runs out.
 */
export const outboxInstances = pgTable('outbox_instances', {
  id: text('id').primaryKey(),
  startedAt: at('started_at').notNull(),
  heartbeatAt: at('heartbeat_at').notNull(),
});

/** Paces each Slack channel to about one message a second across every instance. */
export const slackChannelGates = pgTable('slack_channel_gates', {
  channel: text('channel').primaryKey(),
  nextSendAt: at('next_send_at').notNull(),
});

/** The channels an order's card is shown in, and where it was posted, so changes update it in place. */
export const slackMessages = pgTable(
  'slack_messages',
  {
    orderId: orderId(),
    channel: text('channel').notNull(),
    /** Which card: the order card, the finance hold card, the order's problems (exceptions/), or a department's change-approval card. */
    card: text('card', { enum: ['order', 'credit_hold', 'exception', 'change'] })
      .notNull()
      .default('order'),
    /** Null until the dispatcher has posted the card. */
    ts: text('ts'),
    postedAt: at('posted_at'),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.channel, t.card] })],
);

/**
 * Durable jobs: one row per (kind, key), so scheduling the same thing again moves it instead of
 * adding a second. The payload is read with the kind's zod schema for `payload_version`.
 */
export const scheduledJobs = pgTable(
  'scheduled_jobs',
  {
    id: id(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    runAt: at('run_at').notNull(),
    payload: jsonb('payload').notNull().default({}),
    payloadVersion: integer('payload_version').notNull().default(1),
    /** `low`: held back to the next working morning when it falls due outside business hours. */
    urgency: text('urgency', { enum: ['normal', 'low'] })
      .notNull()
      .default('normal'),
    status: text('status', { enum: ['scheduled', 'running', 'done', 'cancelled', 'dead'] })
      .notNull()
      .default('scheduled'),
    attempts: integer('attempts').notNull().default(0),
    lockedBy: text('locked_by'),
    lockedUntil: at('locked_until'),
    lastError: text('last_error'),
    createdAt: at('created_at').notNull(),
    finishedAt: at('finished_at'),
  },
  (t) => [
    uniqueIndex('scheduled_jobs_key_idx').on(t.kind, t.key),
    index('scheduled_jobs_due_idx').on(t.runAt).where(sql`${t.status} = 'scheduled'`),
    // Leases of instances that died: found without reading the finished jobs.
    index('scheduled_jobs_lease_idx').on(t.lockedUntil).where(sql`${t.status} = 'running'`),
  ],
);

/**
 * Repeating work: the next run is stored, so a run missed while every instance was down
 * happens once after restart, and advancing `next_run_at` conditionally lets one instance fire it.
 */
export const recurringSchedules = pgTable('recurring_schedules', {
  name: text('name').primaryKey(),
  kind: text('kind').notNull(),
  /** When it repeats, e.g. `daily 08:00`, `workdays 09:30`, `every 15m` (see scheduler/recurrence.ts). */
  rule: text('rule').notNull(),
  timeZone: text('time_zone').notNull(),
  nextRunAt: at('next_run_at').notNull(),
  lastRunAt: at('last_run_at'),
});

/**
 * An order the admin has submitted but not yet confirmed past review warnings. Slack does not
 * hand a pushed view the state of the view below it, so the draft waits here.
 */
export const intakeDrafts = pgTable('intake_drafts', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  /** The modal the draft came from; the order's intake key. */
  viewId: text('view_id').notNull(),
  draft: jsonb('draft').notNull(),
  createdAt: at('created_at').notNull(),
});

/**
 * The allocation rules, tried in `position` order; the first whose conditions all hold gives
 * the order its route. Conditions and route are parsed with zod where they are read.
 */
export const allocationRules = pgTable('allocation_rules', {
  id: id(),
  position: integer('position').notNull(),
  name: text('name').notNull(),
  conditions: jsonb('conditions').notNull().default({}),
  route: jsonb('route').notNull(),
  updatedAt: at('updated_at').notNull(),
});

/**
 * One row whose token changes, in the same transaction, whenever the allocation rules or the
 * departments change (triggers in drizzle/0030): routing keeps what it read of them, parsed, for
 * as long as the token it read them under stays the same, on every instance.
 */
export const routingRevision = pgTable('routing_revision', {
  only: boolean('only').primaryKey().default(true),
  token: uuid('token').notNull().defaultRandom(),
});

/** One step of an order's route: a department's part of the work, and who does it. */
export const assignments = pgTable(
  'assignments',
  {
    id: id(),
    orderId: orderId(),
    step: integer('step').notNull(),
    departmentId: departmentId(),
    assigneeId: text('assignee_id'),
    /** pending: a later step; open: waiting for someone to accept; accepted, started, done. */
    status: text('status', {
      enum: ['pending', 'open', 'accepted', 'started', 'done', 'cancelled'],
    }).notNull(),
    /** How the department picks the person when the step opens (round_robin, least_open, fixed). */
    pick: text('pick', { enum: ['round_robin', 'least_open', 'fixed'] })
      .notNull()
      .default('round_robin'),
    fixedPersonId: text('fixed_person_id'),
    /** The order's size in units (its lines' quantities), for departments that count capacity in units. */
    units: integer('units').notNull().default(0),
    /**
     * The order's delivery date, copied so a department's load is read from its own steps
     * (an index range, not a join over every order). Whatever changes an order's delivery date
     * changes this with it.
     */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** Set when the department's capacity cannot fit the step by the delivery date: the earliest date it would. */
    fitsOn: date('fits_on', { mode: 'string' }),
    progress: integer('progress').notNull().default(0),
    note: text('note').notNull().default(''),
    openedAt: at('opened_at'),
    acceptedAt: at('accepted_at'),
    startedAt: at('started_at'),
    doneAt: at('done_at'),
    /** Opened → done, kept by the database, so a report's stage times read an index alone. */
    stepMicroseconds: micros('step_microseconds', 'done_at', 'opened_at'),
  },
  (t) => [
    uniqueIndex('assignments_order_step_idx').on(t.orderId, t.step),
    index('assignments_open_idx')
      .on(t.departmentId, t.assigneeId)
      .where(sql`${t.status} in ('open', 'accepted', 'started')`),
    index('assignments_load_idx')
      .on(t.departmentId, t.dueOn)
      .where(sql`${t.status} in ('pending', 'open', 'accepted', 'started')`),
    // least_open counts each candidate's open work; round-robin asks who the department gave work to last.
    index('assignments_assignee_open_idx')
      .on(t.assigneeId)
      .where(sql`${t.status} in ('open', 'accepted', 'started')`),
    // A report for one department finds the orders that passed through it.
    index('assignments_department_order_idx').on(t.departmentId, t.orderId),
    // A report's stage times: the period's range of order ids, read from the index alone.
    index('assignments_step_microseconds_idx')
      .on(t.orderId, t.departmentId, t.stepMicroseconds)
      .where(sql`${t.stepMicroseconds} is not null`),
    // A long period's stage times: each department's steps already in the order their
    // percentiles sort them, read whole instead of sorted.
    index('assignments_stage_times_idx')
      .on(t.departmentId, t.stepMicroseconds, t.orderId)
      .where(sql`${t.stepMicroseconds} is not null`),
    index('assignments_last_given_idx')
      .on(t.departmentId, t.openedAt, t.id)
      .where(sql`${t.assigneeId} is not null`),
    // Steps waiting to be accepted, oldest first: the nudge sweep reads only these.
    index('assignments_unaccepted_idx').on(t.openedAt).where(sql`${t.status} = 'open'`),
  ],
);

/**
 * Each department's work still to do by delivery date, as allocation counts it: the running
 * total of its to-do steps' `100 - progress` (orders) and `units * (100 - progress)` (units),
 * in hundredths. Kept by statement triggers on assignments (migration 0027), in the statement
 * that changes a step, so reading a department's load costs a row per date instead of a scan of
 * every open step, which grew with the backlog. A date whose work is all done stays, at zero;
 * rows go only with their department.
 */
export const departmentLoads = pgTable(
  'department_loads',
  {
    departmentId: bigint('department_id', { mode: 'number' })
      .notNull()
      .references(() => departments.id, { onDelete: 'cascade' }),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    ordersLeft: bigint('orders_left', { mode: 'number' }).notNull().default(0),
    unitsLeft: bigint('units_left', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.dueOn] })],
);

/** Where a shipped order is: the carrier's tracking, and when it arrived. */
export const shipments = pgTable('shipments', {
  orderId: orderId().primaryKey(),
  carrier: text('carrier').notNull(),
  trackingNumber: text('tracking_number').notNull(),
  expectedDate: date('expected_date', { mode: 'string' }).notNull(),
  deliveredOn: date('delivered_on', { mode: 'string' }),
  shippedAt: at('shipped_at').notNull(),
});

/**
 * Events API deliveries already handled, by Slack's event_id: a retry (same event_id, with
 * X-Slack-Retry-Num) is acknowledged without handling it again. Rows older than an hour are
 * purged; Slack's last retry comes about five minutes after the first delivery.
 */
export const handledEvents = pgTable('handled_events', {
  eventId: text('event_id').primaryKey(),
  handledAt: at('handled_at').notNull(),
});

/**
 * What the customer said after delivery, once per order: the owner logs it from the follow-up
 * reminder. A rating of 2 or less names its reasons and goes to after-sales.
 */
export const orderFeedback = pgTable(
  'order_feedback',
  {
    orderId: orderId().primaryKey(),
    rating: integer('rating').notNull(),
    comment: text('comment'),
    reasons: text('reasons').array().notNull().default(sql`'{}'::text[]`),
    needsFollowUp: boolean('needs_follow_up').notNull().default(false),
    loggedBy: text('logged_by').notNull(),
    loggedAt: at('logged_at').notNull(),
  },
  (t) => [index('order_feedback_logged_idx').on(t.loggedAt)],
);

/** Days nobody works, from the setup file: held-back work and working-day counts skip them. */
export const holidays = pgTable('holidays', {
  date: date('date', { mode: 'string' }).primaryKey(),
  name: text('name').notNull().default(''),
});

/**
 * Channels the desk posts to by purpose (not a department's): `managers` gets the summaries.
 * Named in the setup file; the id is null until the workspace was asked for it.
 */
export const deskChannels = pgTable('desk_channels', {
  purpose: text('purpose').primaryKey(),
  channelName: text('channel_name').notNull(),
  channelId: text('channel_id'),
});

/**
 * How each manager wants the summary: daily, weekly or none, at an hour of their own clock.
 * A manager without a row gets the daily one at 08:00.
 */
export const summaryPreferences = pgTable('summary_preferences', {
  userId: text('user_id').primaryKey(),
  cadence: text('cadence', { enum: ['daily', 'weekly', 'none'] })
    .notNull()
    .default('daily'),
  hour: integer('hour').notNull().default(8),
  updatedAt: at('updated_at').notNull(),
});

/**
 * Each person's time zone as Slack's users.info gave it (null: Slack named none this runtime
 * knows), written by the outbox's `time_zone` effect and looked up again when it grows old.
 */
export const personTimeZones = pgTable('person_time_zones', {
  userId: text('user_id').primaryKey(),
  timeZone: text('time_zone'),
  checkedAt: at('checked_at').notNull(),
});

/**
 * What the weekly summaries add for a business week (trends, the forecast's largest changes),
 * computed by the first summary of that week and read by every other one. `version` is the
 * shape of `insights`: a new shape computes its own row.
 */
export const weeklyInsights = pgTable(
  'weekly_insights',
  {
    week: date('week', { mode: 'string' }).notNull(),
    version: integer('version').notNull(),
    insights: jsonb('insights').notNull(),
    computedAt: at('computed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.week, t.version] })],
);

/**
 * A message to the customer about their order, drafted by orderdesk and offered to the order's
 * owner, who edits and sends it (to the customer's Slack Connect channel, or copies it). One row
 * per occasion (`key`), so an occasion offered twice is offered once, and Send moves `offered`
 * to `sent` once.
 */
export const customerMessages = pgTable(
  'customer_messages',
  {
    id: id(),
    /** What the message is for, e.g. `progress:12:2026-12-03` or `exception_resolved:7`. */
    key: text('key').notNull().unique(),
    orderId: orderId(),
    reason: text('reason').notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: ['offered', 'sent'] })
      .notNull()
      .default('offered'),
    offeredTo: text('offered_to').notNull(),
    offeredAt: at('offered_at').notNull(),
    /** The customer's channel it was posted to; null when it was given to the owner to copy. */
    channel: text('channel'),
    sentBy: text('sent_by'),
    sentAt: at('sent_at'),
  },
  (t) => [index('customer_messages_order_idx').on(t.orderId, t.reason, t.offeredAt)],
);

/**
 * Something gone wrong with an order (exceptions/): raised from a card or `/order problem`, owned
 * by a department, acknowledged by it, escalated by the scheduler while nobody does, resolved
 * with a plan. `raise_key` is what it was raised from (a modal's view id, a QA step), so a
 * submission delivered twice raises one exception.
 */
export const exceptions = pgTable(
  'exceptions',
  {
    id: id(),
    orderId: orderId(),
    raiseKey: text('raise_key').notNull().unique(),
    type: text('type').notNull(),
    severity: text('severity', { enum: ['low', 'medium', 'high', 'critical'] }).notNull(),
    description: text('description').notNull(),
    expectedDate: date('expected_date', { mode: 'string' }),
    departmentId: departmentId(),
    status: text('status', { enum: ['open', 'acknowledged', 'resolved'] })
      .notNull()
      .default('open'),
    /** Whether raising it put the order on hold, so resolving it releases that hold. */
    holds: boolean('holds').notNull().default(false),
    /** When its department's manager is told if nobody acknowledged it, and when every manager is. */
    slaDueAt: at('sla_due_at').notNull(),
    allManagersAt: at('all_managers_at').notNull(),
    /** 0: nobody told yet; 1: the department's manager; 2: every manager. */
    escalationLevel: integer('escalation_level').notNull().default(0),
    /** Each escalation step: when, and who was told. */
    escalations: jsonb('escalations').notNull().default([]),
    raisedBy: text('raised_by').notNull(),
    raisedAt: at('raised_at').notNull(),
    acknowledgedBy: text('acknowledged_by'),
    acknowledgedAt: at('acknowledged_at'),
    resolvedBy: text('resolved_by'),
    resolvedAt: at('resolved_at'),
    rootCause: text('root_cause'),
    actionTaken: text('action_taken'),
    newDeliveryDate: date('new_delivery_date', { mode: 'string' }),
    /** The QA step whose Fail raised it: that step cannot pass until the problem is resolved. */
    failedStepId: bigint('failed_step_id', { mode: 'number' }).references(() => assignments.id, {
      onDelete: 'set null',
    }),
  },
  (t) => [
    index('exceptions_order_idx').on(t.orderId),
    index('exceptions_unresolved_idx').on(t.raisedAt).where(sql`${t.status} <> 'resolved'`),
  ],
);

/**
 * A request to change or cancel an order, versioned against the order it was asked of: a
 * `draft` while the requester looks at its impact, `pending` while departments decide (at most
 * one per order), then `applied` (a new revision) or `rejected`. `requested` holds the order's
 * content as asked (delivery date, payment method, lines); `before` the content it was asked of.
 */
export const orderChanges = pgTable(
  'order_changes',
  {
    id: id(),
    orderId: orderId(),
    kind: text('kind', { enum: ['change', 'cancel'] }).notNull(),
    state: text('state', { enum: ['draft', 'pending', 'applied', 'rejected'] }).notNull(),
    requestedBy: text('requested_by').notNull(),
    reason: text('reason').notNull(),
    /** The order version the requester saw when they sent it. */
    baseVersion: integer('base_version').notNull(),
    before: jsonb('before').notNull().default({}),
    requested: jsonb('requested').notNull().default({}),
    /** The impact assessment the requester sent it with, as the approval cards show it. */
    impact: jsonb('impact').notNull().default({}),
    /** The order's revision this change made, once applied (the order as entered is revision 1). */
    revision: integer('revision'),
    /** Why it was rejected. */
    outcome: text('outcome'),
    createdAt: at('created_at').notNull(),
    decidedAt: at('decided_at'),
  },
  (t) => [
    uniqueIndex('order_changes_open_idx').on(t.orderId).where(sql`${t.state} = 'pending'`),
    index('order_changes_order_idx').on(t.orderId, t.id),
  ],
);

/** One department's say on a change request; undecided until someone of it presses. */
export const orderChangeApprovals = pgTable(
  'order_change_approvals',
  {
    changeId: bigint('change_id', { mode: 'number' })
      .notNull()
      .references(() => orderChanges.id, { onDelete: 'cascade' }),
    departmentId: departmentId(),
    decision: text('decision', { enum: ['approved', 'rejected'] }),
    decidedBy: text('decided_by'),
    reason: text('reason'),
    decidedAt: at('decided_at'),
  },
  (t) => [primaryKey({ columns: [t.changeId, t.departmentId] })],
);

/**
 * A report being computed for a person: one at a time each, across instances. A row older than
 * a few minutes was left by an instance that died and no longer counts.
 */
export const reportRuns = pgTable('report_runs', {
  userId: text('user_id').primaryKey(),
  startedAt: at('started_at').notNull(),
});

/**
 * The Slack file an outbox upload made before completing it: when the answer to
 * files.completeUploadExternal is lost, the retry looks for this file's share instead of sharing again.
 */
export const outboxFileUploads = pgTable('outbox_file_uploads', {
  outboxId: bigint('outbox_id', { mode: 'number' })
    .primaryKey()
    .references(() => outbox.id, { onDelete: 'cascade' }),
  fileId: text('file_id').notNull(),
  uploadedAt: at('uploaded_at').notNull(),
});
