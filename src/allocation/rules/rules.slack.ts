import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { permit } from '../../auth/permissions.ts';
import { hasRole } from '../../auth/roles.ts';
import { asView } from '../../blocks/block-kit.ts';
import { noticeModal } from '../../blocks/notice-modal.ts';
import type { UseCaseContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { type ButtonArgs, cardButton } from '../../slack/card-button.ts';
import type { FeatureDeps, SlackFeature } from '../../slack/feature.ts';
import { featureKit } from '../../slack/feature-kit.ts';
import { submitModal, type ViewSubmitArgs } from '../../slack/modal-submit.ts';
import { replyForError } from '../../slack/reply-for-error.ts';
import type { SlackRouter } from '../../slack/router.ts';
import { type CommandRequest, type SubcommandTexts, subcommandsOf } from '../../slack/subcommand.ts';
import { deleteRule, saveRule } from './edit-rules.ts';
import { buildRuleModal, deletedRuleView, type RuleModalInput, routeRows, ruleModal } from './rule-modal.ts';
import { errorsInModal, readRuleForm, readRuleMeta, routeWithoutRow } from './rule-modal-state.ts';
import { findRule, knownDepartments, listRules } from './rule-store.ts';
import { renderRules, rulesActions } from './rules-view.ts';

const ruleId = z.coerce.number().int().positive();
const stepRow = z.coerce.number().int().min(1).max(routeRows);

const unreadableRuleForm = 'This form could not be read. Close it and run `/order rules` again.';

export const rulesCommands = {
  rules: {
    usage: 'rules',
    example: '/order rules',
    summary: 'the allocation rules in the order they are tried (admins edit them)',
  },
} satisfies SubcommandTexts;

/** `/order rules`: managers and admins read the allocation rules; admins add, edit, reorder and delete them. */
export function rulesFeature(deps: FeatureDeps): SlackFeature {
  const { ctx, logger } = deps;
  // The rule form's problems name their people themselves: they carry ids, not mentions.
  const { actorOf, names, modal } = featureKit(deps, { namesInModals: false });

  /** Shows the rules as they are now where the admin's list was, so it never tells an old story. */
  async function refreshList(responseUrl: string | null) {
    if (!responseUrl) return;
    const reply = await rulesReply(ctx, true);
    const res = await fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ replace_original: true, ...reply }),
    }).catch((error: unknown) => error);
    // The list may be older than Slack keeps its response_url; the change itself is saved.
    if (!(res instanceof Response) || !res.ok) logger.warn('the rules list was not refreshed', res);
  }

  const openForm = (client: WebClient, triggerId: string, id: number | null, responseUrl: string | null) =>
    formFor(ctx, id, responseUrl).then((view) =>
      client.views.open({ trigger_id: triggerId, view: asView(view) }),
    );

  /** `/order rules`: the rules, with Edit and Add for admins. */
  async function rulesCommand(req: CommandRequest) {
    const actor = await req.actor();
    permit(actor, 'command:/order rules');
    await req.reply(await rulesReply(ctx, hasRole(actor, [])));
  }

  async function editPressed({ action, body, client }: ButtonArgs) {
    permit(await actorOf(body.user), 'action:rules.edit');
    await openForm(client, body.trigger_id, ruleId.parse(action.value), body.response_url ?? null);
  }

  async function addPressed({ body, client }: ButtonArgs) {
    permit(await actorOf(body.user), 'action:rules.add');
    await openForm(client, body.trigger_id, null, body.response_url ?? null);
  }

  /** The rule form: saved, and the admin's list redrawn; or each problem under its input. */
  async function ruleFormSubmitted(args: ViewSubmitArgs) {
    const { body, view, client } = args;
    const meta = readRuleMeta(view.private_metadata);
    await submitModal(args, modal, {
      read() {
        if (!meta) return { ok: false, errors: { name: unreadableRuleForm } };
        const form = readRuleForm(view.state.values, meta.routeVersion);
        return form.ok ? { ok: true, input: { meta, rule: form.rule } } : form;
      },
      async run({ meta, rule }) {
        const outcome = await saveRule(ctx, await actorOf(body.user), {
          ruleId: meta.ruleId,
          position: rule.position,
          draft: rule.draft,
        });
        if (outcome.saved) return;
        // The modal shows the person's name where the message has their id.
        const problems = await Promise.all(
          outcome.problems.map(async (p) =>
            p.person
              ? { ...p, message: p.message.replace(p.person, await names.nameOf(p.person, client)) }
              : p,
          ),
        );
        return { response_action: 'errors', errors: errorsInModal(problems, rule.rows, meta.routeVersion) };
      },
      refused: { under: 'name' },
      afterAnswer: () => refreshList(meta?.responseUrl ?? null),
    });
  }

  /** Remove, beside a step of the route: the form drawn again without that step. */
  async function removeStepPressed({ ack, action, body, client }: ButtonArgs) {
    await ack();
    const view = body.view;
    const meta = readRuleMeta(view?.private_metadata);
    if (!view || !meta) return;
    try {
      permit(await actorOf(body.user), 'action:rules.remove_step');
      const route = routeWithoutRow(view.state.values, meta.routeVersion, stepRow.parse(action.value));
      const next = await formFor(ctx, meta.ruleId, meta.responseUrl, {
        route,
        routeVersion: meta.routeVersion + 1,
      });
      // The other inputs keep their block ids, so Slack keeps what the admin typed in them.
      await client.views.update({ view_id: view.id, hash: view.hash, view: asView(next) });
    } catch (error) {
      // A hash_conflict means the admin changed the form meanwhile; their newer view stands.
      logger.warn('a step was not removed from the rule modal', error);
    }
  }

  /** Delete, in the rule form: the rule goes, the form says so, and the list is redrawn. */
  async function deletePressed({ ack, action, body, client }: ButtonArgs) {
    await ack();
    const view = body.view;
    if (!view) return;
    const meta = readRuleMeta(view.private_metadata);
    let next: object;
    try {
      const id = ruleId.parse(action.value);
      const rule = await findRule(ctx.db, id);
      await deleteRule(ctx, await actorOf(body.user), id);
      next = deletedRuleView(rule?.name ?? 'The rule');
    } catch (error) {
      next = noticeModal('Allocation rule', replyForError(error, logger).text);
    }
    await client.views
      .update({ view_id: view.id, view: asView(next) })
      .catch((error: unknown) => logger.warn('the rule modal was not updated', error));
    await refreshList(meta?.responseUrl ?? null);
  }

  return {
    subcommands: subcommandsOf(rulesCommands, { rules: rulesCommand }),
    register(router: SlackRouter) {
      router.action(rulesActions.edit, cardButton(deps, editPressed));
      router.action(rulesActions.add, cardButton(deps, addPressed));
      router.view(ruleModal.callbackId, ruleFormSubmitted);
      router.action(ruleModal.removeStepButton, removeStepPressed);
      router.action(ruleModal.deleteButton, deletePressed);
    },
  };
}

async function rulesReply(ctx: UseCaseContext, canEdit: boolean) {
  const [rules, departments] = await Promise.all([listRules(ctx.db), knownDepartments(ctx.db)]);
  return renderRules(rules, new Map(departments.map((d) => [d.key, d.name])), canEdit);
}

async function formFor(
  ctx: UseCaseContext,
  id: number | null,
  responseUrl: string | null,
  edited?: Pick<RuleModalInput, 'route' | 'routeVersion'>,
) {
  const [rules, departments] = await Promise.all([listRules(ctx.db), knownDepartments(ctx.db)]);
  const rule = id === null ? null : rules.find((r) => r.id === id);
  if (rule === undefined) {
    throw new AppError(
      'not_found',
      'That rule was deleted meanwhile. Run `/order rules` to see the rules as they are now.',
    );
  }
  return buildRuleModal({ rule, ruleCount: rules.length, departments, responseUrl, ...edited });
}
