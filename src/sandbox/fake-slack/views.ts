import { SlackApiError } from './errors.ts';
import type { IdFactory } from './ids.ts';
import { withBlockIds } from './message-content.ts';
import type { FakeSlackChange, FakeView, Json, PlainText } from './types.ts';

/** "Currently the limit is 3" (views.push, `push_limit_reached`). */
export const MAX_VIEW_STACK = 3;

export interface ViewStoreOptions {
  teamId: string;
  appId: string;
  botId: string;
  ids: IdFactory;
  emit: (change: FakeSlackChange) => void;
}

type Values = FakeView['state']['values'];

/**
 * Modal stacks (one per user, root first) and Home tabs. Inputs are assumed valid: the Web API
 * handlers validate before calling in, and a test may arrange any state directly.
 */
export class ViewStore {
  readonly #stacks = new Map<string, FakeView[]>();
  readonly #homes = new Map<string, FakeView>();
  readonly #errors = new Map<string, Record<string, string>>();

  constructor(private readonly o: ViewStoreOptions) {}

  stack(user: string): FakeView[] {
    return [...(this.#stacks.get(user) ?? [])];
  }

  /** The modal view the user is looking at, if any. */
  top(user: string): FakeView | undefined {
    return this.#stacks.get(user)?.at(-1);
  }

  home(user: string): FakeView | undefined {
    return this.#homes.get(user);
  }

  find(viewId: string): { view: FakeView; user: string } | undefined {
    for (const [user, stack] of this.#stacks) {
      const view = stack.find((v) => v.id === viewId);
      if (view) return { view, user };
    }
    for (const [user, view] of this.#homes) if (view.id === viewId) return { view, user };
    return undefined;
  }

  /** The `response_action: errors` the user sees under the inputs of a view. */
  errors(viewId: string): Record<string, string> {
    return this.#errors.get(viewId) ?? {};
  }

  /**
   * A new modal replaces whatever the user had open. Slack does not document this case (a trigger
   * from inside a modal used with views.open); replacing is the least surprising reading.
   */
  open(user: string, input: Json): FakeView {
    this.#assertExternalIdFree(input);
    this.#closeFrom(user, 0);
    const id = this.o.ids.next('V');
    const view = this.#build(input, { id, root_view_id: id, previous_view_id: null });
    this.#stacks.set(user, [view]);
    this.o.emit({ kind: 'view', action: 'opened', user, view });
    return view;
  }

  push(user: string, input: Json): FakeView {
    const stack = this.#stacks.get(user) ?? [];
    const top = stack.at(-1);
    // Slack's error for pushing with no modal open is undocumented; refusing keeps the bug visible.
    if (!top) throw new SlackApiError('not_found');
    if (stack.length >= MAX_VIEW_STACK) throw new SlackApiError('push_limit_reached');
    this.#assertExternalIdFree(input);
    const view = this.#build(input, {
      id: this.o.ids.next('V'),
      root_view_id: top.root_view_id,
      previous_view_id: top.id,
    });
    stack.push(view);
    this.o.emit({ kind: 'view', action: 'pushed', user, view });
    return view;
  }

  update(target: { viewId?: string; externalId?: string }, input: Json, hash?: string): FakeView {
    const found = target.viewId ? this.find(target.viewId) : this.#findByExternalId(target.externalId);
    if (!found) throw new SlackApiError('not_found');
    if (hash !== undefined && hash !== '' && hash !== found.view.hash)
      throw new SlackApiError('hash_conflict');
    return this.#replace(found.user, found.view, input, 'updated');
  }

  publish(user: string, input: Json, hash?: string): FakeView {
    const current = this.#homes.get(user);
    if (current && hash !== undefined && hash !== '' && hash !== current.hash) {
      throw new SlackApiError('hash_conflict');
    }
    if (current) return this.#replace(user, current, input, 'published');
    const id = this.o.ids.next('V');
    const view = this.#build(input, { id, root_view_id: id, previous_view_id: null });
    this.#homes.set(user, view);
    this.o.emit({ kind: 'view', action: 'published', user, view });
    return view;
  }

  /** What the user typed or picked, as Slack reports it in `view.state.values`. */
  setState(viewId: string, values: Values): void {
    const found = this.find(viewId);
    if (!found) throw new Error(`fake Slack: no view ${viewId}`);
    const merged = { ...found.view.state.values };
    for (const [blockId, actions] of Object.entries(values))
      merged[blockId] = { ...merged[blockId], ...actions };
    found.view.state = { values: merged };
  }

  setErrors(user: string, viewId: string, errors: Record<string, string>): void {
    const found = this.find(viewId);
    if (!found) return;
    this.#errors.set(viewId, errors);
    this.o.emit({ kind: 'view', action: 'errors', user, view: found.view });
  }

  /** Closes a view and the views pushed on top of it; `clear` closes the whole modal. */
  close(user: string, viewId: string, clear = false): void {
    const index = clear ? 0 : this.stack(user).findIndex((v) => v.id === viewId);
    if (index >= 0) this.#closeFrom(user, index);
  }

  #closeFrom(user: string, index: number): void {
    const stack = this.#stacks.get(user) ?? [];
    for (const view of stack.splice(index).reverse()) {
      this.#errors.delete(view.id);
      this.o.emit({ kind: 'view', action: 'closed', user, view });
    }
  }

  #replace(user: string, old: FakeView, input: Json, action: 'updated' | 'published'): FakeView {
    // A view written without external_id keeps the one it had, so it can still be found by it.
    const view = this.#build({ external_id: old.external_id, ...input }, old);
    const kept = Object.entries(old.state.values).filter(([blockId]) =>
      view.blocks.some((b) => b.block_id === blockId),
    );
    // Keeping the same block_id/action_id keeps what the user typed (api.slack.com/surfaces/modals).
    view.state = { values: Object.fromEntries(kept) };
    const stack = this.#stacks.get(user);
    const index = stack?.indexOf(old) ?? -1;
    if (stack && index >= 0) stack[index] = view;
    else this.#homes.set(user, view);
    this.#errors.delete(view.id);
    this.o.emit({ kind: 'view', action, user, view });
    return view;
  }

  #build(input: Json, place: Pick<FakeView, 'id' | 'root_view_id' | 'previous_view_id'>): FakeView {
    const blocks = Array.isArray(input.blocks) ? (input.blocks as Json[]) : [];
    return {
      id: place.id,
      team_id: this.o.teamId,
      type: input.type === 'home' ? 'home' : 'modal',
      title: plainText(input.title),
      submit: plainText(input.submit),
      close: plainText(input.close),
      blocks: withBlockIds(blocks, this.o.ids),
      private_metadata: typeof input.private_metadata === 'string' ? input.private_metadata : '',
      callback_id: typeof input.callback_id === 'string' ? input.callback_id : '',
      external_id: typeof input.external_id === 'string' ? input.external_id : '',
      state: { values: {} },
      hash: this.o.ids.viewHash(),
      clear_on_close: input.clear_on_close === true,
      notify_on_close: input.notify_on_close === true,
      root_view_id: place.root_view_id,
      previous_view_id: place.previous_view_id,
      app_id: this.o.appId,
      app_installed_team_id: this.o.teamId,
      bot_id: this.o.botId,
    };
  }

  #findByExternalId(externalId: string | undefined): { view: FakeView; user: string } | undefined {
    if (!externalId) return undefined;
    for (const [user, stack] of this.#stacks) {
      const view = stack.find((v) => v.external_id === externalId);
      if (view) return { view, user };
    }
    for (const [user, view] of this.#homes) if (view.external_id === externalId) return { view, user };
    return undefined;
  }

  #assertExternalIdFree(input: Json): void {
    const externalId = typeof input.external_id === 'string' ? input.external_id : '';
    if (externalId && this.#findByExternalId(externalId)) throw new SlackApiError('duplicate_external_id');
  }
}

/** Slack echoes plain_text objects with `emoji: true` filled in. */
function plainText(value: unknown): PlainText | null {
  if (typeof value !== 'object' || value === null) return null;
  const text = value as { text?: unknown; emoji?: unknown };
  return { type: 'plain_text', text: String(text.text ?? ''), emoji: text.emoji !== false };
}
