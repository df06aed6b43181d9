import type { BlockAction, ButtonAction, SlackViewAction, SlackViewMiddlewareArgs } from '@slack/bolt';
import { stepActions } from '../allocation/route-view.ts';
import { permit } from '../auth/permissions.ts';
import type { Actor } from '../auth/roles.ts';
import { asView, escapeMrkdwn } from '../blocks/block-kit.ts';
import { calendarDate } from '../calendar.ts';
import { isAppError } from '../errors.ts';
import { resolveOrderNumber } from '../orders/order-reference.ts';
import { cardButton, versionedRef } from '../slack/card-button.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { replyForError } from '../slack/reply-for-error.ts';
import type { SlackRouter } from '../slack/router.ts';
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
  type Typed,
  type Values,
} from './problem-form.ts';
import { problemWords } from './problem-kinds.ts';
import { qaFailureForm, qaFailureFormId, readQaFailureForm } from './qa-failure-form.ts';
import { problemFormForOrder, problemFormFromStep, reportProblem } from './report-problem.ts';
import { requireMayResolve, resolveProblem } from './resolve-problem.ts';

/** The button on a department's card that reports a problem (its id stays the card's own). */
export const reportProblemAction = 'step.problem';

/**
 * Problems on orders: Report problem (on a department's card, or `/order problem`), QA's Fail on
 * an inspection, the problems card's Acknowledge and Resolve, and `/order problems`.
 */
export function exceptionsFeature(deps: FeatureDeps): SlackFeature {
  const { ctx, logger } = deps;
  const actorOf = (user: { id: string; team_id?: string }) =>
    deps.loadActor({ userId: user.id, teamId: user.team_id });
  const inline = (error: unknown) => (isAppError(error) ? error.message : replyForError(error, logger).text);

  /**
   * A form that raises a problem: its values checked (each error under its input), then raised
   * once per form (its view id), against the record and order version it carries.
   */
  const raising =
    <T>(
      read: (values: Values) => Typed<T>,
      raise: (
        actor: Actor,
        ref: { id: number; version: number },
        input: T,
        raiseKey: string,
      ) => Promise<void>,
    ) =>
    async ({ ack, body, view }: SlackViewMiddlewareArgs<SlackViewAction>) => {
      const typed = read(view.state.values);
      if (!typed.ok) {
        await ack({ response_action: 'errors', errors: typed.errors });
        return;
      }
      try {
        await raise(
          await actorOf(body.user),
          versionedRef.parse(view.private_metadata),
          typed.input,
          `view:${view.id}`,
        );
        await ack();
        deps.afterWrite();
      } catch (error) {
        await ack({ response_action: 'errors', errors: { description: inline(error) } });
      }
    };

  return {
    subcommands: [
      {
        name: 'problem',
        usage: 'problem SO-… (or its last digits)',
        example: '/order problem SO-2026-000123',
        summary: 'report a problem with an order: type, severity, the department that owns it',
        async run(req) {
          permit(await req.actor(), 'command:/order problem');
          const number = await resolveOrderNumber(ctx.db, req.args, '/order problem');
          const subject = await problemFormForOrder(ctx, number);
          await req.acknowledge();
          await req.client.views.open({ trigger_id: req.triggerId, view: problemForm(subject) });
        },
      },
      {
        name: 'problems',
        usage: 'problems [open|mine|<department>]',
        example: '/order problems production',
        summary: 'problems not resolved yet, by severity and age, with where each stands against its SLA',
        async run(req) {
          const actor = await req.actor();
          permit(actor, 'command:/order problems');
          await req.reply(await listProblems(ctx, actor, req.args));
        },
      },
    ],
    register(router: SlackRouter) {
      router.action<BlockAction<ButtonAction>>(
        reportProblemAction,
        cardButton(deps, async ({ action, body, client }) => {
          const { id, version } = versionedRef.parse(action.value);
          const subject = await problemFormFromStep(ctx, await actorOf(body.user), {
            assignmentId: id,
            expectedVersion: version,
          });
          await client.views.open({ trigger_id: body.trigger_id, view: problemForm(subject) });
        }),
      );
      router.view<SlackViewAction>(
        problemFormId,
        raising(readProblemForm, async (actor, ref, input, raiseKey) => {
          permit(actor, 'view:problem.report');
          await reportProblem(ctx, actor, { orderId: ref.id, expectedVersion: ref.version }, input, raiseKey);
        }),
      );
      router.action<BlockAction<ButtonAction>>(
        stepActions.fail,
        cardButton(deps, async ({ action, body, client }) => {
          const ref = versionedRef.parse(action.value);
          const { orderNumber } = await checkQaFailure(ctx, await actorOf(body.user), {
            assignmentId: ref.id,
            expectedVersion: ref.version,
          });
          await client.views.open({
            trigger_id: body.trigger_id,
            view: qaFailureForm(action.value ?? '', orderNumber),
          });
        }),
      );
      router.view<SlackViewAction>(
        qaFailureFormId,
        raising(readQaFailureForm, (actor, ref, input, raiseKey) =>
          failQaStep(ctx, actor, { assignmentId: ref.id, expectedVersion: ref.version }, input, raiseKey),
        ),
      );
      router.action<BlockAction<ButtonAction>>(
        exceptionActions.acknowledge,
        cardButton(deps, async ({ action, body }) => {
          await acknowledgeProblem(ctx, await actorOf(body.user), versionedRef.parse(action.value).id);
        }),
      );
      router.action<BlockAction<ButtonAction>>(
        exceptionActions.resolve,
        cardButton(deps, async ({ action, body, client }) => {
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
        }),
      );
      router.view<SlackViewAction>(resolveFormId, async ({ ack, body, view }) => {
        const typed = readResolveForm(view.state.values);
        if (!typed.ok) {
          await ack({ response_action: 'errors', errors: typed.errors });
          return;
        }
        const { newDeliveryDate } = typed.input;
        if (newDeliveryDate && newDeliveryDate < calendarDate(ctx.clock.now(), ctx.timeZone)) {
          await ack({ response_action: 'errors', errors: { date: `${newDeliveryDate} is in the past.` } });
          return;
        }
        try {
          const { id, version } = versionedRef.parse(view.private_metadata);
          await resolveProblem(ctx, await actorOf(body.user), {
            exceptionId: id,
            expectedVersion: version,
            ...typed.input,
          });
          await ack();
          deps.afterWrite();
        } catch (error) {
          await ack({ response_action: 'errors', errors: { cause: inline(error) } });
        }
      });
    },
  };
}
