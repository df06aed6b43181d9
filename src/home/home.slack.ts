import { calendarDate } from '../dates.ts';
import { isAppError } from '../errors.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import type { SlackRouter } from '../slack/router.ts';
import { loadHome } from './home-queries.ts';
import { buildHomeView } from './home-view.ts';

/** The App Home tab, drawn for the person who opens it. */
export function homeFeature(deps: FeatureDeps): SlackFeature {
  const { ctx, logger } = deps;
  return {
    register(router: SlackRouter) {
      router.homeOpened(async ({ event, client, body }) => {
        if (event.tab !== 'home') return;
        try {
          const teamId = (body as { team_id?: string }).team_id;
          const actor = await deps.loadActor({ userId: event.user, teamId });
          const view = buildHomeView(
            actor,
            await loadHome(ctx.db, actor),
            calendarDate(ctx.clock.now(), ctx.timeZone),
          );
          await client.views.publish({ user_id: event.user, view: view as never });
        } catch (error) {
          // A guest from another workspace simply gets no Home; anything else is worth a look.
          if (!isAppError(error)) logger.error('could not publish the App Home', error);
        }
      });
    },
  };
}
