import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  App,
  BlockAction,
  RespondFn,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackOptionsMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewAction,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';
import { checkPayload } from './check-payload.ts';
import type { Envelope } from './envelope.ts';
import { observeRequest, type RequestObserver } from './observe-request.ts';
import { responder } from './response-url.ts';

type ActionArgs<A extends BlockAction> = SlackActionMiddlewareArgs<A> & AllMiddlewareArgs;
type ViewArgs<V extends SlackViewAction> = SlackViewMiddlewareArgs<V> & AllMiddlewareArgs;
type OptionsArgs = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;
type ShortcutArgs = SlackShortcutMiddlewareArgs & AllMiddlewareArgs;
type HomeOpenedArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;
export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type AnyArgs = AnyMiddlewareArgs & AllMiddlewareArgs;
type Handler<T> = (args: T) => Promise<void>;

/**
 * Where features register what they handle, by id. Bolt runs every registered listener's
 * matchers for every request: measured (bench/), twenty listeners cost 1.6–1.8× the CPU of a
 * one-listener app, and even one listener per kind of payload left orderdesk at 1.2× a bare
 * app's CPU for an ack. So orderdesk registers no Bolt listener at all: one global middleware
 * reads the payload's kind and id and calls the handler from a map, and never calls `next()`.
 * The kind and id come from the envelope checked with zod at the edge (envelope.ts), so a
 * payload with a field missing never reaches a handler.
 */
export class SlackRouter {
  readonly #actions = new Map<string, Handler<ActionArgs<BlockAction>>>();
  readonly #views = new Map<string, Handler<ViewArgs<SlackViewAction>>>();
  readonly #options = new Map<string, Handler<OptionsArgs>>();
  readonly #shortcuts = new Map<string, Handler<ShortcutArgs>>();
  readonly #commands = new Map<string, Handler<CommandArgs>>();
  /** Per command, the words its handler dispatches on (`/order new`), for registeredIds. */
  readonly #subcommands = new Map<string, readonly string[]>();
  #homeOpened: Handler<HomeOpenedArgs> | null = null;

  command(name: string, handler: Handler<CommandArgs>): void {
    set(this.#commands, name, handler);
  }

  /** The words a command's handler dispatches on, e.g. `new` for `/order new`: listed, not routed. */
  subcommands(command: string, words: readonly string[]): void {
    this.#subcommands.set(command, words);
  }

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

  /**
   * Everything registered, as `kind:id` (`action:step.accept`, `command:/order new`): the keys of
   * the permissions table (src/auth/permissions.ts), which must have a row for each.
   */
  registeredIds(): string[] {
    const ids = (kind: string, map: Map<string, unknown>) => [...map.keys()].map((id) => `${kind}:${id}`);
    const commands = [...this.#commands.keys()].flatMap((name) => [
      `command:${name}`,
      ...(this.#subcommands.get(name) ?? []).map((word) => `command:${name} ${word}`),
    ]);
    return [
      ...commands,
      ...ids('action', this.#actions),
      ...ids('view', this.#views),
      ...ids('options', this.#options),
      ...ids('shortcut', this.#shortcuts),
      ...(this.#homeOpened ? ['event:app_home_opened'] : []),
    ];
  }

  /**
   * Installs the dispatch. An id nobody handles is still acknowledged, never left to time out.
   * `observe` hears of every request once it is answered (the request log and metrics).
   */
  install(app: App, observe: RequestObserver = () => {}): void {
    app.use((args) =>
      observeRequest(args as AnyArgs, observe, (observed) => this.#dispatch(withCheapRespond(observed))),
    );
  }

  async #dispatch(args: AnyArgs): Promise<void> {
    const envelope = await checkedEnvelope(args);
    if (!envelope) return;
    switch (envelope.kind) {
      case 'command': {
        const command = args as unknown as CommandArgs;
        return (this.#commands.get(envelope.body.command) ?? ackOnly)(command);
      }
      case 'block_actions': {
        const action = args as unknown as ActionArgs<BlockAction>;
        return (this.#actions.get(envelope.body.actions[0]?.action_id ?? '') ?? ackOnly)(action);
      }
      case 'view': {
        const view = args as unknown as ViewArgs<SlackViewAction>;
        // view_closed: answered, so Slack is not left waiting.
        if (envelope.body.type !== 'view_submission') return ackOnly(view);
        return (this.#views.get(envelope.body.view.callback_id) ?? ackOnly)(view);
      }
      case 'block_suggestion': {
        const options = args as unknown as OptionsArgs;
        const handler = this.#options.get(envelope.body.action_id);
        return handler ? handler(options) : options.ack({ options: [] });
      }
      case 'shortcut': {
        const shortcut = args as unknown as ShortcutArgs;
        return (this.#shortcuts.get(envelope.body.callback_id) ?? ackOnly)(shortcut);
      }
      case 'home_opened':
        // Bolt has acknowledged events already.
        if (this.#homeOpened) return this.#homeOpened(args as unknown as HomeOpenedArgs);
    }
  }
}

/**
 * The envelope the HTTP receiver checked (guarded-receiver.ts). In Socket Mode Bolt's own
 * receiver hands the body over unchecked, so the same check runs here; a payload it refuses is
 * answered and goes no further.
 */
async function checkedEnvelope(args: AnyArgs): Promise<Envelope | null> {
  const checked = (args.context as { envelope?: Envelope }).envelope;
  if (checked) return checked;
  const result = checkPayload(args.body as Record<string, unknown>);
  if ('envelope' in result) return result.envelope;
  if ('ack' in args && typeof args.ack === 'function') {
    await (args.ack as (answer?: unknown) => Promise<void>)(result.answer ?? undefined);
  }
  return null;
}

/**
 * The request's respond() posting over node:http with keep-alive (response-url.ts) instead of
 * Bolt's fetch. Nothing of orderdesk reads the Response Bolt's respond() resolves with, so the
 * cheaper one stands in for it under Bolt's type.
 */
function withCheapRespond(args: AnyArgs): AnyArgs {
  if (!('respond' in args)) return args;
  const url = responseUrlOf(args.body);
  if (!url) return args;
  return { ...args, respond: responder(url) as unknown as RespondFn };
}

function responseUrlOf(body: unknown): string | null {
  const { response_url: direct, response_urls: listed } = body as {
    response_url?: unknown;
    response_urls?: { response_url?: unknown }[];
  };
  const url = typeof direct === 'string' ? direct : Array.isArray(listed) ? listed[0]?.response_url : null;
  return typeof url === 'string' ? url : null;
}

const ackOnly = async (args: { ack: () => Promise<void> }) => {
  await args.ack();
};

function set<T>(map: Map<string, T>, id: string, handler: T): void {
  if (map.has(id)) throw new Error(`two handlers for ${id}`);
  map.set(id, handler);
}
