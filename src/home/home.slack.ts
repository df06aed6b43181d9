import type {
  AllMiddlewareArgs,
  BlockAction,
  BlockSuggestion,
  ExternalSelectAction,
  SlackActionMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackOptionsMiddlewareArgs,
} from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { mayUse, permit } from '../auth/permissions.ts';
import { asView, plain, section } from '../blocks/block-kit.ts';
import { Deadline, withinDeadline } from '../db/deadline.ts';
import { isAppError } from '../errors.ts';
import { searchCustomers } from '../intake/modal/catalog-search.ts';
import { customerOption } from '../intake/modal/order-modal.ts';
import { rememberHomeOpened } from '../orders/order-homes.ts';
import type { ButtonArgs } from '../slack/card-button.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { PersonNames } from '../slack/person-names.ts';
import { replyForError } from '../slack/reply-for-error.ts';
import type { SlackRouter } from '../slack/router.ts';
import { rememberCustomerPick } from './home-customer-pick.ts';
import { homeCustomerSelect } from './home-customers.ts';
import { homeOpenAction, homePageActions } from './home-list-view.ts';
import { customerCode, decodePages, firstPages, type HomePages } from './home-pages.ts';
import { orderCardModal } from './open-order.ts';
import { renderHome } from './render-home.ts';

type HomeOpenedArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;
type CustomerPickedArgs = SlackActionMiddlewareArgs<BlockAction<ExternalSelectAction>> & AllMiddlewareArgs;
type CustomerSearchArgs = SlackOptionsMiddlewareArgs<BlockSuggestion['type']> & AllMiddlewareArgs;

/** Suggestions answered after this are dropped: Slack shows an error at 3 s. */
const suggestionBudgetMs = 2200;

/** A small modal that says why, where a Home action has no message to answer in. */
const notice = (text: string, title = 'orderdesk') => ({
  type: 'modal',
  title: plain(title, 24),
  close: plain('Close', 24),
  blocks: [section(text)],
});

/**
 * The App Home tab, drawn for the person who opens it and at the page they turn to. Later
 * changes redraw it through the outbox (orders/order-homes.ts), once it has been opened.
 */
export function homeFeature(deps: FeatureDeps): SlackFeature {
  const { ctx, logger } = deps;
  const names = new PersonNames(ctx.db, logger);

  async function publish(
    client: WebClient,
    who: { userId: string; teamId: string | undefined },
    pages: HomePages,
    opened = false,
  ) {
    try {
      const actor = await deps.loadActor(who);
      // Remembered before drawing, so a change committed while it is drawn still refreshes it.
      if (opened) await rememberHomeOpened(ctx.db, ctx.clock.now(), actor.userId);
      const view = await renderHome(ctx.db, actor, ctx, pages);
      await client.views.publish({ user_id: who.userId, view: asView(view) });
    } catch (error) {
      // A guest from another workspace simply gets no Home; anything else is worth a look.
      if (!isAppError(error)) logger.error('could not publish the App Home', error);
    }
  }

  /** The Home tab opened: drawn at its first pages, and remembered so later changes redraw it. */
  async function homeOpened({ event, client, body }: HomeOpenedArgs) {
    if (event.tab !== 'home') return;
    const teamId = (body as { team_id?: string }).team_id;
    await publish(client, { userId: event.user, teamId }, firstPages, true);
  }

  /** Open, on an order on the Home: its card in a modal, people named. */
  async function openPressed({ ack, body, action, client }: ButtonArgs) {
    await ack();
    let view: Record<string, unknown>;
    try {
      const actor = await deps.loadActor({
        userId: body.user.id,
        teamId: body.user.team_id ?? body.team?.id,
      });
      permit(actor, 'action:home.open');
      view = await names.inView(await orderCardModal(ctx.db, actor, action.value ?? ''), client);
    } catch (error) {
      const text = await names.inModal(replyForError(error, logger).text, client);
      view = notice(text, 'Order');
    }
    await client.views
      .open({ trigger_id: body.trigger_id, view: asView(view) })
      .catch((error: unknown) => logger.warn('could not open an order from the App Home', error));
  }

  /** A customer picked on the Home: the Home again, with that customer's view. */
  async function customerPicked({ ack, body, action, client }: CustomerPickedArgs) {
    await ack();
    const who = { userId: body.user.id, teamId: body.user.team_id ?? body.team?.id };
    const code = customerCode.safeParse(action.selected_option?.value);
    try {
      permit(await deps.loadActor(who), 'action:home.customer');
    } catch (error) {
      await client.views
        .open({ trigger_id: body.trigger_id, view: asView(notice(replyForError(error, logger).text)) })
        .catch((e: unknown) => logger.warn('could not show the refusal', e));
      return;
    }
    await rememberCustomerPick(ctx.db, who.userId, code.success ? code.data : null, ctx.clock.now());
    await publish(client, who, firstPages);
  }

  /** The customer picker's suggestions, for those who may use it; none rather than late ones. */
  async function customerSearched({ ack, body, options }: CustomerSearchArgs) {
    const found = await withinDeadline(Deadline.in(suggestionBudgetMs), async () => {
      const actor = await deps.loadActor({ userId: body.user.id, teamId: body.user.team_id });
      return mayUse(actor, 'options:home.customer') ? searchCustomers(ctx.db, options.value ?? '') : [];
    }).catch((error: unknown) => {
      // No list beats a late one: Slack shows an error after 3 s.
      if (!isAppError(error)) logger.warn('no customer suggestions in time', error);
      return [];
    });
    await ack({ options: found.map(customerOption) });
  }

  /** Previous or Next on one of the Home's lists: the Home drawn at those pages. */
  async function pageTurned({ ack, body, action, client }: ButtonArgs) {
    await ack();
    const teamId = body.user.team_id ?? body.team?.id;
    await publish(client, { userId: body.user.id, teamId }, decodePages(action.value));
  }

  return {
    register(router: SlackRouter) {
      router.homeOpened(homeOpened);
      router.action(homeOpenAction, openPressed);
      router.action(homeCustomerSelect, customerPicked);
      router.options(homeCustomerSelect, customerSearched);
      for (const actionId of Object.values(homePageActions)) router.action(actionId, pageTurned);
    },
  };
}
