import type { FeatureDeps } from './feature.ts';
import type { ModalSubmitDeps } from './modal-submit.ts';
import { PersonNames } from './person-names.ts';

/** Who sent a Slack payload, as its `user` field carries it. */
export type SlackUser = { id: string; team_id?: string };

export interface FeatureKit {
  /** The person behind a payload, as an actor; refuses guests from other workspaces. */
  actorOf(user: SlackUser): ReturnType<FeatureDeps['loadActor']>;
  names: PersonNames;
  /** What every modal submission of the feature is answered with (`submitModal`). */
  modal: ModalSubmitDeps;
}

/**
 * What a feature's handlers share, built once from its deps. `namesInModals: false` for a feature
 * whose form problems name their people themselves (or name nobody): its modal errors are left as
 * written.
 */
export function featureKit(deps: FeatureDeps, { namesInModals = true } = {}): FeatureKit {
  const { logger, afterWrite } = deps;
  const names = new PersonNames(deps.ctx.db, logger);
  return {
    actorOf: (user) => deps.loadActor({ userId: user.id, teamId: user.team_id }),
    names,
    modal: namesInModals ? { logger, afterWrite, names } : { logger, afterWrite },
  };
}
