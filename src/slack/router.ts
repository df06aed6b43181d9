import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  SlackActionMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackOptionsMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewAction,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';

type ActionArgs<A extends BlockAction> = SlackActionMiddlewareArgs<A> & AllMiddlewareArgs;
type ViewArgs<V extends SlackViewAction> = SlackViewMiddlewareArgs<V> & AllMiddlewareArgs;
type OptionsArgs = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;
type ShortcutArgs = SlackShortcutMiddlewareArgs & AllMiddlewareArgs;
type HomeOpenedArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;
type Handler<T> = (args: T) => Promise<void>;

/**
 * Where features register what they handle, by id. Bolt runs every registered listener's
 * matchers for every request, so twenty listeners cost a request more than the whole rest of
 * Bolt (measured: bench/, 1.6–1.8× the CPU of a one-listener app). The router keeps one Bolt
 * listener per kind of payload and finds the handler in a map.
 */
export class SlackRouter {
  readonly #actions = new Map<string, Handler<ActionArgs<BlockAction>>>();
  readonly #views = new Map<string, Handler<ViewArgs<SlackViewAction>>>();
  readonly #options = new Map<string, Handler<OptionsArgs>>();
  readonly #shortcuts = new Map<string, Handler<ShortcutArgs>>();
  #homeOpened: Handler<HomeOpenedArgs> | null = null;

  action<A extends BlockAction = BlockAction>(actionId: string, handler: Handler<ActionArgs<A>>): void {
    set(this.#actions, actionId, handler as unknown as Handler<ActionArgs<BlockAction>>);
  }

  view<V extends SlackViewAction = SlackViewAction>(callbackId: string, handler: Handler<ViewArgs<V>>): void {
    set(this.#views, callbackId, handler as unknown as Handler<ViewArgs<SlackViewAction>>);
  }

  options(actionId: string, handler: Handler<OptionsArgs>): void {
    set(this.#options, actionId, handler);
  }

  shortcut(callbackId: string, handler: Handler<ShortcutArgs>): void {
    set(this.#shortcuts, callbackId, handler);
  }

  /** The App Home was opened: the one event orderdesk subscribes to (manifest.yml). */
  homeOpened(handler: Handler<HomeOpenedArgs>): void {
    if (this.#homeOpened) throw new Error('two handlers for app_home_opened');
    this.#homeOpened = handler;
  }

  /** Installs the one listener per kind. An id nobody handles is still acknowledged, never left to time out. */
  install(app: App): void {
    app.action<BlockAction>(/.*/, async (args) => {
      const handler = this.#actions.get(args.action.action_id);
      if (handler) return handler(args);
      await args.ack();
    });
    app.view<SlackViewAction>(/.*/, async (args) => {
      const handler = this.#views.get(args.view.callback_id);
      if (handler) return handler(args);
      await args.ack();
    });
    app.options<'block_suggestion'>(/.*/, async (args) => {
      const handler = this.#options.get(args.payload.action_id);
      if (handler) return handler(args);
      await args.ack({ options: [] });
    });
    const homeOpened = this.#homeOpened;
    if (homeOpened) app.event('app_home_opened', homeOpened);
    app.shortcut(/.*/, async (args) => {
      const handler = this.#shortcuts.get(args.shortcut.callback_id);
      if (handler) return handler(args);
      await args.ack();
    });
  }
}

function set<T>(map: Map<string, T>, id: string, handler: T): void {
  if (map.has(id)) throw new Error(`two handlers for ${id}`);
  map.set(id, handler);
}
