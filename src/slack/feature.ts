import type { Logger } from '@slack/bolt';
import type { Actor } from '../auth/roles.ts';
import type { UseCaseContext } from '../context.ts';
import type { SlackRouter } from './router.ts';
import type { Subcommand } from './subcommand.ts';

/** What every feature's Slack adapter is built with. */
export interface FeatureDeps {
  ctx: UseCaseContext;
  logger: Logger;
  /** Who is acting; refuses guests from other workspaces. */
  loadActor(who: { userId: string; teamId: string | null | undefined }): Promise<Actor>;
  /**
   * Refuses a guest from another workspace, or a request that names no workspace, without
   * reading the database: for what anyone of the workspace may use.
   */
  checkWorkspace(who: { teamId: string | null | undefined }): void;
  /** Work after an ack (a query, a response_url post), run behind the acks (follow-ups.ts). */
  followUp(work: () => Promise<void>): void;
  /** Call after a use case committed, so its outbox rows go out without waiting for a poll. */
  afterWrite(): void;
}

/**
 * A feature's Slack surface: the `/order` subcommands it owns, and any other listeners
 * (views, actions, options, shortcuts) it registers on the app.
 */
export interface SlackFeature {
  subcommands?: Subcommand[];
  register?(router: SlackRouter): void;
}
