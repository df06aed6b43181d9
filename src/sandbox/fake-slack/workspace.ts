import type { IdFactory } from './ids.ts';
import type {
  FakeChannel,
  FakeEphemeral,
  FakeMessage,
  FakeSlackChange,
  FakeUser,
  Json,
  NewChannel,
  NewUser,
} from './types.ts';

export interface WorkspaceOptions {
  teamId: string;
  botUserId: string;
  ids: IdFactory;
  emit: (change: FakeSlackChange) => void;
}

export interface MessageInput {
  text: string;
  user?: string;
  bot_id?: string;
  app_id?: string;
  blocks?: Json[];
  attachments?: Json[];
  metadata?: Json;
  thread_ts?: string;
  /** The files a file share carries (files.completeUploadExternal). */
  files?: Json[];
}

export type MessagePatch = Pick<MessageInput, 'text' | 'blocks' | 'attachments' | 'metadata'>;

/**
 * Users, conversations and messages: plain state with no Slack rules, so a test or the sandbox
 * page can arrange any situation directly. The rules live in the method handlers.
 */
export class Workspace {
  readonly #users = new Map<string, FakeUser>();
  readonly #channels = new Map<string, FakeChannel>();
  readonly #messages = new Map<string, FakeMessage[]>();
  #ephemerals: FakeEphemeral[] = [];

  constructor(private readonly o: WorkspaceOptions) {}

  addUser(input: NewUser): FakeUser {
    const name = input.name ?? input.id.toLowerCase();
    const user: FakeUser = {
      team_id: this.o.teamId,
      name,
      real_name: name,
      tz: 'Europe/London',
      tz_label: 'Greenwich Mean Time',
      tz_offset: 0,
      locale: 'en-US',
      is_bot: false,
      deleted: false,
      ...input,
    };
    this.#users.set(user.id, user);
    this.o.emit({ kind: 'user', user });
    return user;
  }

  user(id: string): FakeUser | undefined {
    return this.#users.get(id);
  }

  users(): FakeUser[] {
    return [...this.#users.values()];
  }

  addChannel(input: NewChannel): FakeChannel {
    const isPrivate = input.is_private ?? false;
    const members = new Set(input.members ?? []);
    if (input.is_member) members.add(this.o.botUserId);
    return this.#storeChannel({
      id: input.id ?? this.o.ids.next(isPrivate ? 'G' : 'C'),
      name: input.name,
      is_private: isPrivate,
      is_archived: input.is_archived ?? false,
      is_im: false,
      is_mpim: false,
      members: [...members],
      created: this.o.ids.seconds(),
      creator: input.members?.[0] ?? this.o.botUserId,
      topic: input.topic ?? '',
      purpose: input.purpose ?? '',
    });
  }

  updateChannel(id: string, patch: Partial<Omit<FakeChannel, 'id'>>): FakeChannel {
    const channel = this.#requireChannel(id);
    return this.#storeChannel({ ...channel, ...patch });
  }

  channel(id: string): FakeChannel | undefined {
    return this.#channels.get(id);
  }

  /** Slack accepts a conversation id or, for channels, its name with or without `#`. */
  findChannel(idOrName: string): FakeChannel | undefined {
    const name = idOrName.replace(/^#/, '');
    return this.#channels.get(idOrName) ?? this.channels().find((c) => !c.is_im && c.name === name);
  }

  channels(): FakeChannel[] {
    return [...this.#channels.values()];
  }

  /** The bot's DM with a user, created on first use like `conversations.open`. */
  openIm(userId: string): { channel: FakeChannel; existed: boolean } {
    const existing = this.channels().find((c) => c.is_im && c.members.includes(userId));
    if (existing) return { channel: existing, existed: true };
    const channel = this.#storeChannel(this.#dm('D', userId, [userId], false));
    return { channel, existed: false };
  }

  openMpim(userIds: string[]): { channel: FakeChannel; existed: boolean } {
    const wanted = [...new Set([...userIds, this.o.botUserId])].sort();
    const same = (c: FakeChannel) => c.is_mpim && [...c.members].sort().join() === wanted.join();
    const existing = this.channels().find(same);
    if (existing) return { channel: existing, existed: true };
    const name = `mpdm-${userIds.join('--')}-1`;
    return { channel: this.#storeChannel(this.#dm('G', name, wanted, true)), existed: false };
  }

  setMember(channelId: string, userId: string, member: boolean): FakeChannel {
    const channel = this.#requireChannel(channelId);
    const members = channel.members.filter((m) => m !== userId);
    if (member) members.push(userId);
    return this.#storeChannel({ ...channel, members });
  }

  /** Every message of a conversation, thread replies included, in posting order. */
  messages(channelId: string): FakeMessage[] {
    return [...(this.#messages.get(channelId) ?? [])];
  }

  message(channelId: string, ts: string): FakeMessage | undefined {
    return this.#messages.get(channelId)?.find((m) => m.ts === ts);
  }

  /** A thread: its parent first, then the replies. */
  replies(channelId: string, threadTs: string): FakeMessage[] {
    return this.messages(channelId).filter((m) => m.ts === threadTs || m.thread_ts === threadTs);
  }

  post(channelId: string, input: MessageInput): FakeMessage {
    const author = input.user ?? this.o.botUserId;
    const message: FakeMessage = {
      type: 'message',
      ts: this.o.ids.ts(),
      team: this.#users.get(author)?.team_id ?? this.o.teamId,
      ...input,
    };
    const list = this.#messages.get(channelId) ?? [];
    list.push(message);
    this.#messages.set(channelId, list);
    this.o.emit({ kind: 'message', action: 'posted', channel: channelId, message });
    if (input.thread_ts) this.#countReply(channelId, input.thread_ts, author, message.ts);
    return message;
  }

  /**
   * Puts back messages kept from an earlier run, with their own ts and in their order, so the
   * bot can still update what it posted then (the sandbox keeps its channels across restarts).
   */
  restoreMessages(channelId: string, messages: readonly FakeMessage[]): void {
    this.#requireChannel(channelId);
    this.#messages.set(channelId, [...(this.#messages.get(channelId) ?? []), ...messages]);
  }

  update(channelId: string, ts: string, patch: MessagePatch, editor: string): FakeMessage | undefined {
    const message = this.message(channelId, ts);
    if (!message) return undefined;
    Object.assign(message, patch, { edited: { user: editor, ts: this.o.ids.ts() } });
    this.o.emit({ kind: 'message', action: 'updated', channel: channelId, message });
    return message;
  }

  remove(channelId: string, ts: string): FakeMessage | undefined {
    const list = this.#messages.get(channelId) ?? [];
    const message = list.find((m) => m.ts === ts);
    if (!message) return undefined;
    this.#messages.set(
      channelId,
      list.filter((m) => m !== message),
    );
    this.o.emit({ kind: 'message', action: 'deleted', channel: channelId, message });
    return message;
  }

  postEphemeral(input: Omit<FakeEphemeral, 'ts'>): FakeEphemeral {
    const ephemeral: FakeEphemeral = { ts: this.o.ids.ts(), ...input };
    this.#ephemerals.push(ephemeral);
    this.o.emit({ kind: 'ephemeral', action: 'posted', ephemeral });
    return ephemeral;
  }

  replaceEphemeral(ts: string, patch: Pick<FakeEphemeral, 'text' | 'blocks'>): FakeEphemeral | undefined {
    const ephemeral = this.#ephemerals.find((e) => e.ts === ts);
    if (!ephemeral) return undefined;
    Object.assign(ephemeral, patch);
    this.o.emit({ kind: 'ephemeral', action: 'replaced', ephemeral });
    return ephemeral;
  }

  deleteEphemeral(ts: string): void {
    const ephemeral = this.#ephemerals.find((e) => e.ts === ts);
    if (!ephemeral) return;
    this.#ephemerals = this.#ephemerals.filter((e) => e !== ephemeral);
    this.o.emit({ kind: 'ephemeral', action: 'deleted', ephemeral });
  }

  /** Ephemeral messages, optionally only those one user sees in one conversation. */
  ephemerals(filter: { channel?: string; user?: string } = {}): FakeEphemeral[] {
    return this.#ephemerals.filter(
      (e) => (!filter.channel || e.channel === filter.channel) && (!filter.user || e.user === filter.user),
    );
  }

  #countReply(channelId: string, threadTs: string, author: string, replyTs: string): void {
    const parent = this.message(channelId, threadTs);
    // Slack accepts a reply's ts as thread_ts too, but only a thread's parent keeps the counts.
    const isReply = parent?.thread_ts !== undefined && parent.thread_ts !== parent.ts;
    if (!parent || isReply) return;
    const replyUsers = new Set([...(parent.reply_users ?? []), author]);
    Object.assign(parent, {
      thread_ts: parent.ts,
      reply_count: (parent.reply_count ?? 0) + 1,
      reply_users: [...replyUsers],
      reply_users_count: replyUsers.size,
      latest_reply: replyTs,
    });
    this.o.emit({ kind: 'message', action: 'updated', channel: channelId, message: parent });
  }

  #dm(prefix: string, name: string, members: string[], mpim: boolean): FakeChannel {
    const bot = this.o.botUserId;
    return {
      id: this.o.ids.next(prefix),
      name,
      is_private: true,
      is_archived: false,
      is_im: !mpim,
      is_mpim: mpim,
      members: mpim ? members : [...members, bot],
      created: this.o.ids.seconds(),
      creator: bot,
      topic: '',
      purpose: '',
    };
  }

  #storeChannel(channel: FakeChannel): FakeChannel {
    this.#channels.set(channel.id, channel);
    this.o.emit({ kind: 'channel', channel });
    return channel;
  }

  #requireChannel(id: string): FakeChannel {
    const channel = this.#channels.get(id);
    if (!channel) throw new Error(`fake Slack: no conversation ${id}`);
    return channel;
  }
}
