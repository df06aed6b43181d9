import { type ActorPolicy, loadActor } from '../auth/load-actor.ts';
import { type Actor, hasRole } from '../auth/roles.ts';
import { calendarDate } from '../calendar.ts';
import type { Clock } from '../clock.ts';
import type { DbOrTx } from '../db/client.ts';
import type { HomeRenderer } from '../outbox/delivery.ts';
import { deskHomeBlocks } from '../summaries/desk-state.ts';
import { customerPickOf } from './home-customer-pick.ts';
import { homeCustomerBlocks } from './home-customers.ts';
import { firstPages, type HomePages } from './home-pages.ts';
import { loadHome } from './home-queries.ts';
import { buildHomeView } from './home-view.ts';

export interface HomeSettings {
  clock: Clock;
  timeZone: string;
}

/** The person's App Home as the database has it now, at the pages asked for, with the customer they picked. */
export async function renderHome(
  db: DbOrTx,
  actor: Actor,
  settings: HomeSettings,
  pages: HomePages = firstPages,
): Promise<Record<string, unknown>> {
  const now = settings.clock.now();
  const today = calendarDate(now, settings.timeZone);
  // A manager sees the desk as a whole first, not only what waits on them.
  const desk = hasRole(actor, ['manager']) ? await deskHomeBlocks(db, actor.userId, today) : [];
  const customers = await homeCustomerBlocks(db, actor, now, await customerPickOf(db, actor.userId));
  return buildHomeView(actor, await loadHome(db, actor, pages), today, [...desk, ...customers]);
}

/**
 * How the outbox draws a Home it was asked to refresh: from the first page of each list, since
 * a refresh cannot know which page the person had turned to.
 */
export function homeRenderer(settings: HomeSettings & { policy: ActorPolicy }): HomeRenderer {
  return async (db, userId) =>
    renderHome(db, await loadActor(db, { userId, teamId: null }, settings.policy), settings);
}
