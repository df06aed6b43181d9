import type { WebClient } from '@slack/web-api';
import type { Db } from '../db/client.ts';
import type { CardKind, SlackMessage } from './effects.ts';

/**
 * Renders one of an order's cards as it is now, for the channel it is shown in (each
 * department sees its own buttons); null when the order no longer exists.
 */
export type CardRenderer = (
  db: Db,
  orderId: number,
  card: CardKind,
  channel: string,
) => Promise<SlackMessage | null>;

/** Draws a person's App Home (a `home` view) as the database has it now. */
export type HomeRenderer = (db: Db, userId: string) => Promise<Record<string, unknown>>;

export interface DeliveryDeps {
  db: Db;
  client: WebClient;
  renderCard: CardRenderer;
  renderHome: HomeRenderer;
  now: () => Date;
  /** Told when a lost post cannot be looked for, so it is posted again. */
  warn: (message: string, context: Record<string, unknown>) => void;
}

/** The claimed row as delivery needs it. */
export interface DeliveryRow {
  id: number;
  /** A channel id, or a user id for a DM. */
  channel: string;
  firstAttemptAt: Date;
  maybeDelivered: boolean;
}

/** `skipped`: nothing was sent to Slack, so the channel's pacing slot is free again. */
export type Delivered = { ts: string | null; skipped?: true };
