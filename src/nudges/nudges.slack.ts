import { permit } from '../auth/permissions.ts';
import { slackDate } from '../blocks/block-kit.ts';
import { AppError } from '../errors.ts';
import { type ButtonArgs, cardButton } from '../slack/card-button.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import type { SlackRouter } from '../slack/router.ts';
import { type NudgeSnooze, nudgeActions, nudgeRef, snoozeChoices } from './nudge-ids.ts';
import { snoozeNudge } from './snooze-nudge.ts';

/** The Snooze buttons under every nudge. */
export function nudgesFeature(deps: FeatureDeps): SlackFeature {
  const { ctx, loadActor } = deps;

  /** Snooze (an hour, a day…): the next nudge comes then, unless the matter is settled. */
  const snoozePressed =
    (choice: NudgeSnooze) =>
    async ({ action, body, respond }: ButtonArgs) => {
      const id = nudgeActions.snooze[choice];
      permit(await loadActor({ userId: body.user.id, teamId: body.user.team_id }), `action:${id}` as const);
      const ref = nudgeRef.safeParse(action.value);
      if (!ref.success) throw new AppError('not_found', 'There is no such nudge.');
      const next = await snoozeNudge(ctx, ref.data, choice);
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: `:zzz: Snoozed: the next nudge comes ${slackDate(next)} (or never, once it is settled).`,
      });
    };

  return {
    register(router: SlackRouter) {
      for (const choice of Object.keys(snoozeChoices) as NudgeSnooze[]) {
        router.action(nudgeActions.snooze[choice], cardButton(deps, snoozePressed(choice)));
      }
    },
  };
}
