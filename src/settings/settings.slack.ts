import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { type ActorPermissionId, permit } from '../auth/permissions.ts';
import type { Actor } from '../auth/roles.ts';
import { asView } from '../blocks/block-kit.ts';
import { noticeModal } from '../blocks/notice-modal.ts';
import { AppError, isAppError } from '../errors.ts';
import { findDepartment } from '../routing/allocation-store.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { featureKit } from '../slack/feature-kit.ts';
import {
  readSchemaForm,
  type SchemaForm,
  submitModal,
  underInputs,
  type ViewSubmitArgs,
} from '../slack/modal-submit.ts';
import { openFromCommand } from '../slack/open-form.ts';
import { replyForError } from '../slack/reply-for-error.ts';
import type { SlackRouter } from '../slack/router.ts';
import { type CommandRequest, type SubcommandTexts, subcommandsOf } from '../slack/subcommand.ts';
import {
  buildDepartmentForm,
  type DepartmentFormMeta,
  departmentInputIds,
  departmentInputSchema,
  readDepartmentForm,
} from './department-form.ts';
import { buildDeskChannelsForm, deskChannelsInput, readDeskChannelsForm } from './desk-channels-form.ts';
import { buildPersonForm, personFields, personInputIds, readPersonForm } from './person-form.ts';
import { saveDepartment } from './save-department.ts';
import { saveDeskChannels } from './save-desk-channels.ts';
import { savePerson } from './save-person.ts';
import { settingsIds } from './settings-ids.ts';
import { departmentChoices, findPerson, loadDeskChannels, loadSettings } from './settings-queries.ts';
import { buildSettingsView } from './settings-view.ts';

type Parent = DepartmentFormMeta['parent'];
/** A Settings modal a form is pushed on: its view id, and the page of departments it shows. */
type SettingsModal = NonNullable<Parent>;
type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
type ModalAction = { body: BlockAction; client: WebClient; parent: SettingsModal; triggerId: string };

const placeOf = z.object({ page: z.number().int().min(0) }).catch({ page: 0 });
const buttonValue = z.object({ value: z.string().min(1) });
const pickedUser = z.object({ selected_user: z.string().regex(/^[UW][A-Z0-9]{2,}$/) });

export const settingsCommands = {
  setup: {
    usage: 'setup',
    example: '/order setup',
    summary: 'departments (channel, capacity, manager) and people (roles, department, away) — admins only',
  },
} satisfies SubcommandTexts;

/** `/order setup` and the App Home's Settings button: admins keep departments and people in Slack. */
export function settingsFeature(deps: FeatureDeps): SlackFeature {
  const { ctx, logger } = deps;
  const { actorOf, names, modal } = featureKit(deps);
  /** Modals show a mention as its raw id, so the Settings modals name people instead. */
  const settingsView = async (page: number, client: WebClient) =>
    names.inView(buildSettingsView(await loadSettings(ctx.db), { page }), client);

  /** After a save, the Settings modal underneath shows the change when the person goes back to it. */
  async function refreshSettings(client: WebClient, parent: Parent) {
    if (!parent) return;
    const view = await settingsView(parent.page, client);
    await client.views
      .update({ view_id: parent.viewId, view: asView(view) })
      .catch((error: unknown) => logger.warn('the Settings modal was not refreshed', error));
  }

  /** A button or select inside the Settings modal: admins only, refusals shown in a small pushed view. */
  const inSettings =
    (id: ActorPermissionId, work: (a: ModalAction) => Promise<void>) =>
    async ({ ack, body, client }: { ack: () => Promise<void>; body: BlockAction; client: WebClient }) => {
      await ack();
      const view = body.view;
      if (!view) return;
      try {
        permit(await actorOf(body.user), id);
        const { page } = placeOf.parse(safeJson(view.private_metadata));
        await work({ body, client, parent: { viewId: view.id, page }, triggerId: body.trigger_id });
      } catch (error) {
        await client.views
          .push({
            trigger_id: body.trigger_id,
            view: asView(
              noticeModal('Settings', await names.inModal(replyForError(error, logger).text, client)),
            ),
          })
          .catch((e: unknown) => logger.warn('could not show the refusal', e));
      }
    };

  async function slackName(client: WebClient, userId: string): Promise<string> {
    try {
      const { user } = await client.users.info({ user: userId });
      return user?.real_name || user?.profile?.display_name || user?.name || '';
    } catch (error) {
      logger.warn('could not look up a person’s name', error);
      return '';
    }
  }

  /** A channel's name, kept beside its id so a setup file naming it later keeps the id; the id when Slack does not say. */
  async function channelName(client: WebClient, channelId: string): Promise<string> {
    try {
      const { channel } = await client.conversations.info({ channel: channelId });
      return channel?.name || channelId;
    } catch (error) {
      logger.warn('could not look up a channel’s name', error);
      return channelId;
    }
  }

  /** `/order setup`: the Settings modal. */
  async function setupCommand(req: CommandRequest) {
    permit(await req.actor(), 'command:/order setup');
    await openFromCommand(req, logger, 'Settings', () => settingsView(0, req.client));
  }

  /** Settings, on the App Home: the Settings modal, or a small one saying why not. */
  async function homeButtonPressed({ ack, body, client }: ActionArgs) {
    await ack();
    let view: Record<string, unknown>;
    try {
      permit(await actorOf(body.user), 'action:home.settings');
      view = await settingsView(0, client);
    } catch (error) {
      view = noticeModal('Settings', replyForError(error, logger).text);
    }
    await client.views
      .open({ trigger_id: body.trigger_id, view: asView(view) })
      .catch((error: unknown) => logger.warn('could not open the Settings modal', error));
  }

  async function turnPage({ body, client, parent }: ModalAction) {
    const page = Number(buttonValue.parse(body.actions[0]).value);
    const view = await settingsView(Number.isInteger(page) ? page : 0, client);
    await client.views.update({ view_id: parent.viewId, view: asView(view) });
  }

  async function addDepartmentPressed({ client, parent, triggerId }: ModalAction) {
    const view = buildDepartmentForm({ to: { mode: 'add' }, parent });
    await client.views.push({ trigger_id: triggerId, view: asView(view) });
  }

  async function editDepartmentPressed({ body, client, parent, triggerId }: ModalAction) {
    const key = buttonValue.parse(body.actions[0]).value;
    const record = await findDepartment(ctx.db, key);
    if (!record) {
      await refreshSettings(client, parent);
      throw new AppError('not_found', `The department "${key}" no longer exists.`);
    }
    const view = buildDepartmentForm({ to: { mode: 'edit', key }, parent }, record);
    await client.views.push({ trigger_id: triggerId, view: asView(view) });
  }

  /** Edit, on the Settings' desk channels row: a channel picker for problems and for managers. */
  async function editChannelsPressed({ client, parent, triggerId }: ModalAction) {
    const view = buildDeskChannelsForm(await loadDeskChannels(ctx.db), parent);
    await client.views.push({ trigger_id: triggerId, view: asView(view) });
  }

  /**
   * A form pushed on the Settings modal: checked by its schema and saved as the person, a refusal
   * said under the input `refusedUnder` names (else the first); once the person has their answer,
   * the Settings modal under the form is redrawn.
   */
  function submitSettingsForm<F extends { fields: unknown }, T>(
    args: ViewSubmitArgs,
    form: SchemaForm<F, T> & {
      parent(form: F): Parent;
      save(actor: Actor, form: F, input: T): Promise<void>;
      refusedUnder?(error: unknown): string | undefined;
    },
  ) {
    const { body, client } = args;
    let inputs: readonly string[] = [];
    let saved: { parent: Parent } | undefined;
    return submitModal(args, modal, {
      read() {
        const typed = readSchemaForm(logger, form);
        if (typed.ok) inputs = form.inputs(typed.input.form);
        return typed;
      },
      async run({ form: read, input }) {
        await form.save(await actorOf(body.user), read, input);
        saved = { parent: form.parent(read) };
      },
      refused: { under: (error) => underInputs(inputs)(form.refusedUnder?.(error)) },
      async afterAnswer() {
        if (saved) await refreshSettings(client, saved.parent);
      },
    });
  }

  /** The desk channels saved with their names, and the Settings modal redrawn. */
  function channelsFormSubmitted(args: ViewSubmitArgs) {
    const { view, client } = args;
    return submitSettingsForm(args, {
      what: 'desk channels',
      read: () => readDeskChannelsForm(view),
      schema: deskChannelsInput,
      inputs: () => ['exceptions', 'managers'],
      unreadableUnder: 'exceptions',
      parent: (form) => form.parent,
      async save(actor, _form, input) {
        permit(actor, 'view:settings_channels');
        const named = async (id: string | null) => (id ? { id, name: await channelName(client, id) } : null);
        await saveDeskChannels(ctx, actor, {
          exceptions: await named(input.exceptions),
          managers: await named(input.managers),
        });
        logger.info('settings: desk channels changed', { by: actor.userId, ...input });
      },
    });
  }

  /** A person picked in Settings: their form, with what is on record or Slack's name for them. */
  async function personPicked({ body, client, parent, triggerId }: ModalAction) {
    const userId = pickedUser.parse(body.actions[0]).selected_user;
    const [person, choices] = await Promise.all([findPerson(ctx.db, userId), departmentChoices(ctx.db)]);
    const name = person?.name || (await slackName(client, userId));
    const view = buildPersonForm({ userId, name, parent }, person, choices);
    await client.views.push({ trigger_id: triggerId, view: asView(await names.inView(view, client)) });
  }

  /** A department added or changed: logged with who did it, and the Settings modal redrawn. */
  function departmentFormSubmitted(args: ViewSubmitArgs) {
    const { view } = args;
    return submitSettingsForm(args, {
      what: 'department',
      read: () => readDepartmentForm(view),
      schema: departmentInputSchema,
      inputs: (form) => departmentInputIds(form.meta.to),
      unreadableUnder: 'name',
      parent: (form) => form.meta.parent,
      async save(actor, { meta }, input) {
        const { before, after } = await saveDepartment(ctx, actor, meta.to, input);
        logger.info(before ? 'settings: department changed' : 'settings: department added', {
          by: actor.userId,
          department: after.key,
          before,
          after,
        });
      },
      refusedUnder: (error) => (isAppError(error) && error.code === 'conflict' ? 'key' : undefined),
    });
  }

  /** A person's roles, department or absence changed: logged, and the Settings modal redrawn. */
  function personFormSubmitted(args: ViewSubmitArgs) {
    const { view } = args;
    const inputs = personInputIds(view);
    return submitSettingsForm(args, {
      what: 'person',
      read: () => readPersonForm(view),
      schema: personFields,
      inputs: () => inputs,
      unreadableUnder: 'roles',
      parent: (form) => form.meta.parent,
      async save(actor, { meta }, input) {
        const { before, after } = await savePerson(
          ctx,
          actor,
          { userId: meta.userId, name: meta.name },
          input,
        );
        logger.info('settings: person changed', {
          by: actor.userId,
          person: after.slackUserId,
          before,
          after,
        });
      },
      refusedUnder: (error) =>
        isAppError(error) ? (error.code === 'not_found' ? 'department' : 'roles') : undefined,
    });
  }

  return {
    subcommands: subcommandsOf(settingsCommands, { setup: setupCommand }),
    register(router: SlackRouter) {
      router.action(settingsIds.homeButton, homeButtonPressed);
      router.action(`${settingsIds.page}.previous`, inSettings('action:settings.page.previous', turnPage));
      router.action(`${settingsIds.page}.next`, inSettings('action:settings.page.next', turnPage));
      router.action(
        settingsIds.addDepartment,
        inSettings('action:settings.add_department', addDepartmentPressed),
      );
      router.action(
        settingsIds.editDepartment,
        inSettings('action:settings.edit_department', editDepartmentPressed),
      );
      router.action(
        settingsIds.editChannels,
        inSettings('action:settings.edit_channels', editChannelsPressed),
      );
      router.view(settingsIds.channelsCallbackId, channelsFormSubmitted);
      router.action(settingsIds.pickPerson, inSettings('action:settings.pick_person', personPicked));
      router.view(settingsIds.departmentCallbackId, departmentFormSubmitted);
      router.view(settingsIds.personCallbackId, personFormSubmitted);
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
