import { stepActions } from '../allocation/route-view.ts';
import { permit } from '../auth/permissions.ts';
import { asView, escapeMrkdwn } from '../blocks/block-kit.ts';
import { calendarDate } from '../calendar.ts';
import { resolveOrderNumber } from '../orders/order-reference.ts';
import {
  type ButtonArgs,
  cardButton,
  orderAtVersion,
  stepAtVersion,
  versionedRef,
} from '../slack/card-button.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { featureKit } from '../slack/feature-kit.ts';
import { submitModal, type ViewSubmitArgs } from '../slack/modal-submit.ts';
import type { SlackRouter } from '../slack/router.ts';
import { type CommandRequest, type SubcommandTexts, subcommandsOf } from '../slack/subcommand.ts';
import { acknowledgeProblem, alreadyHandled } from './acknowledge-problem.ts';
import { exceptionActions } from './exception-card.ts';
import { findException } from './exception-store.ts';
import { checkQaFailure, failQaStep } from './fail-qa-step.ts';
import { listProblems } from './list-problems.ts';
import {
  problemForm,
  problemFormId,
  readProblemForm,
  readResolveForm,
  resolveForm,
  resolveFormId,
} from './problem-form.ts';
import { problemWords } from './problem-kinds.ts';
import { qaFailureForm, qaFailureFormId, readQaFailureForm } from './qa-failure-form.ts';
import { problemFormForOrder, problemFormFromStep, reportProblem } from './report-problem.ts';
import { requireMayResolve, resolveProblem } from './resolve-problem.ts';

/** The button on a department's card that reports a problem (its id stays the card's own). */
export const reportProblemAction = 'step.problem';

export const exceptionsCommands = {
  problem: {
    usage: 'problem SO-… (or its last digits)',
    example: '/order problem SO-2026-000123',
    summary: 'report a problem with an order: type, severity, the department that owns it',
  },
  problems: {
    usage: 'problems [open|mine|<department>]',
    example: '/order problems production',
    summary: 'problems not resolved yet, by severity and age, with where each stands against its SLA',
  },
} satisfies SubcommandTexts;

/**
 * Problems on orders: Report problem (on a department's card, or `/order problem`), QA's Fail on
 * an inspection, the problems card's Acknowledge and Resolve, and `/order problems`.
 */
export function exceptionsFeature(deps: FeatureDeps): SlackFeature {
  const { ctx } = deps;
  const { actorOf, modal, submitAs } = featureKit(deps, { namesInModals: false });

  /** `/order problem SO-…`: the problem form. */
  async function problemCommand(req: CommandRequest) {
    permit(await req.actor(), 'command:/order problem');
    const number = await resolveOrderNumber(ctx.db, req.args, '/order problem');
    const subject = await problemFormForOrder(ctx, number);
    await req.acknowledge();
    await req.client.views.open({ trigger_id: req.triggerId, view: problemForm(subject) });
  }

  async function problemsCommand(req: CommandRequest) {
    const actor = await req.actor();
    permit(actor, 'command:/order problems');
    await req.reply(await listProblems(ctx, actor, req.args));
  }

  /** Report problem, on a department's card: the problem form about that step. */
  async function reportProblemPressed({ action, body, client }: ButtonArgs) {
    const step = stepAtVersion.parse(action.value);
    const subject = await problemFormFromStep(ctx, await actorOf(body.user), step);
    await client.views.open({ trigger_id: body.trigger_id, view: problemForm(subject) });
  }

  async function problemFormSubmitted(args: ViewSubmitArgs) {
    const { view } = args;
    await submitAs(args, 'view:problem.report', {
      read: () => readProblemForm(view.state.values),
      async run(actor, input) {
        const order = orderAtVersion.parse(view.private_metadata);
        await reportProblem(ctx, actor, order, input, `view:${view.id}`);
      },
      refused: { under: 'description' },
    });
  }

  /** Fail…, on QA's card: the form asking what failed, about that inspection. */
  async function failPressed({ action, body, client }: ButtonArgs) {
    const step = stepAtVersion.parse(action.value);
    const { orderNumber } = await checkQaFailure(ctx, await actorOf(body.user), step);
    await client.views.open({
      trigger_id: body.trigger_id,
      view: qaFailureForm(action.value ?? '', orderNumber),
    });
  }

  /** The failed inspection raised as a quality problem, once per form (its view id). */
  async function qaFailureSubmitted(args: ViewSubmitArgs) {
    const { body, view } = args;
    await submitModal(args, modal, {
      read: () => readQaFailureForm(view.state.values),
      async run(input) {
        const step = stepAtVersion.parse(view.private_metadata);
        await failQaStep(ctx, await actorOf(body.user), step, input, `view:${view.id}`);
      },
      refused: { under: 'description' },
    });
  }

  async function acknowledgePressed({ action, body }: ButtonArgs) {
    await acknowledgeProblem(ctx, await actorOf(body.user), versionedRef.parse(action.value).id);
  }

  /** Resolve, on the problems card: the form asking for the cause and what was done. */
  async function resolvePressed({ action, body, client }: ButtonArgs) {
    const { id } = versionedRef.parse(action.value);
    const actor = await actorOf(body.user);
    const { exception, department, order } = await findException(ctx.db, id);
    requireMayResolve(actor, department, order);
    if (exception.status === 'resolved') throw alreadyHandled(exception);
    const about = `*${problemWords(exception)}* · ${escapeMrkdwn(department.name)}\n>${escapeMrkdwn(exception.description)}`;
    await client.views.open({
      trigger_id: body.trigger_id,
      // The form resolves against the order as it is now; a change while it is open is caught.
      view: asView(resolveForm(`${exception.id}:${order.version}`, about)),
    });
  }

  async function resolveFormSubmitted(args: ViewSubmitArgs) {
    const { body, view } = args;
    await submitModal(args, modal, {
      read() {
        const typed = readResolveForm(view.state.values);
        const newDate = typed.ok ? typed.input.newDeliveryDate : null;
        if (newDate && newDate < calendarDate(ctx.clock.now(), ctx.timeZone)) {
          return { ok: false, errors: { date: `${newDate} is in the past.` } };
        }
        return typed;
      },
      async run(input) {
        const { id, version } = versionedRef.parse(view.private_metadata);
        await resolveProblem(ctx, await actorOf(body.user), {
          exceptionId: id,
          expectedVersion: version,
          ...input,
        });
      },
      refused: { under: 'cause' },
    });
  }

  return {
    subcommands: subcommandsOf(exceptionsCommands, { problem: problemCommand, problems: problemsCommand }),
    register(router: SlackRouter) {
      router.action(reportProblemAction, cardButton(deps, reportProblemPressed));
      router.view(problemFormId, problemFormSubmitted);
      router.action(stepActions.fail, cardButton(deps, failPressed));
      router.view(qaFailureFormId, qaFailureSubmitted);
      router.action(exceptionActions.acknowledge, cardButton(deps, acknowledgePressed));
      router.action(exceptionActions.resolve, cardButton(deps, resolvePressed));
      router.view(resolveFormId, resolveFormSubmitted);
    },
  };
}
