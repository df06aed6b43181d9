import { type ActorPermissionId, permissions, permit } from '../auth/permissions.ts';
import type { Actor } from '../auth/roles.ts';
import type { FeatureDeps } from './feature.ts';
import {
  type ModalAnswer,
  type ModalSubmit,
  type ModalSubmitDeps,
  submitModal,
  type ViewSubmitArgs,
} from './modal-submit.ts';
import { PersonNames } from './person-names.ts';

/** Who sent a Slack payload, as its `user` field carries it. */
export type SlackUser = { id: string; team_id?: string };

/** A modal's submission whose use case runs as the person who submitted it. */
export interface SubmitAs<T> extends Omit<ModalSubmit<T>, 'run'> {
  // biome-ignore lint/suspicious/noConfusingVoidType: a run that only closes the modal returns nothing
  run(actor: Actor, input: T): Promise<ModalAnswer | void>;
}

export interface FeatureKit {
  /** The person behind a payload, as an actor; refuses guests from other workspaces. */
  actorOf(user: SlackUser): ReturnType<FeatureDeps['loadActor']>;
  names: PersonNames;
  /** What every modal submission of the feature is answered with (`submitModal`). */
  modal: ModalSubmitDeps;
  /**
   * A submission the permissions table guards (`submitModal`): what was typed is read first, then
   * the use case runs as the person once `id` lets them submit the form.
   */
  submitAs<T>(args: ViewSubmitArgs, id: ActorPermissionId, form: SubmitAs<T>): Promise<void>;
  /**
   * Refuses `user` what the permissions table refuses them for `id`. Their roles are read only
   * when its row names roles; a row for anyone of the workspace needs no database read.
   */
  allow(user: SlackUser, id: ActorPermissionId): Promise<void>;
}

/**
 * What a feature's handlers share, built once from its deps. `namesInModals: false` for a feature
 * whose form problems name their people themselves (or name nobody): its modal errors are left as
 * written.
 */
export function featureKit(deps: FeatureDeps, { namesInModals = true } = {}): FeatureKit {
  const { logger, afterWrite } = deps;
  const names = new PersonNames(deps.ctx.db, logger);
  const actorOf = (user: SlackUser) => deps.loadActor({ userId: user.id, teamId: user.team_id });
  const modal = namesInModals ? { logger, afterWrite, names } : { logger, afterWrite };
  return {
    actorOf,
    names,
    modal,
    async allow(user, id) {
      if (permissions[id].who === 'roles') permit(await actorOf(user), id);
      else deps.checkWorkspace({ teamId: user.team_id });
    },
    submitAs: (args, id, { run, ...form }) =>
      submitModal(args, modal, {
        ...form,
        async run(input) {
          const actor = await actorOf(args.body.user);
          permit(actor, id);
          return run(actor, input);
        },
      }),
  };
}
