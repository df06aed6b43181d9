import { SlackApiError } from '../errors.ts';
import { flag, str } from '../http-args.ts';
import { paginate } from '../paginate.ts';
import type { SlackState } from '../slack-state.ts';
import type { FakeChannel, FakeMessage, Json } from '../types.ts';
import type { MethodCall, MethodSpec } from './method.ts';

export const historyMethods: Record<string, MethodSpec> = {
  'conversations.history': { handler: history },
  'conversations.replies': { handler: replies },
};

/** The channel's messages, newest first; thread replies stay in their thread, as in Slack. */
function history({ args, slack }: MethodCall): Json {
  const channel = readableChannel(slack, args);
  const topLevel = slack.workspace
    .messages(channel.id)
    .filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts);
  return page(inRange(topLevel, args).reverse(), args);
}

/** A thread, parent first, then its replies oldest first. */
function replies({ args, slack }: MethodCall): Json {
  const channel = readableChannel(slack, args);
  const ts = str(args, 'ts');
  const parent = ts ? slack.workspace.message(channel.id, ts) : undefined;
  if (!ts || !parent) throw new SlackApiError('thread_not_found');
  return page(inRange(slack.workspace.replies(channel.id, parent.thread_ts ?? ts), args), args);
}

function page(messages: FakeMessage[], args: Json): Json {
  const { page, next_cursor } = paginate(messages, args);
  // Slack leaves a message's metadata out unless the call asks for it.
  const withMetadata = flag(args, 'include_all_metadata');
  return {
    messages: page.map(({ metadata, ...m }) => (withMetadata && metadata ? { ...m, metadata } : m)),
    has_more: next_cursor !== '',
    pin_count: 0,
    response_metadata: { next_cursor },
  };
}

/** `oldest` and `latest` are exclusive unless `inclusive` is set. */
function inRange(messages: FakeMessage[], args: Json): FakeMessage[] {
  const oldest = Number(str(args, 'oldest') ?? '0');
  const latest = Number(str(args, 'latest') ?? 'Infinity');
  const inclusive = flag(args, 'inclusive');
  return messages.filter((m) => {
    const ts = Number(m.ts);
    return inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest;
  });
}

/** Reading needs the history scope of the conversation's type, and the bot inside it. */
function readableChannel(slack: SlackState, args: Json): FakeChannel {
  const id = str(args, 'channel');
  const channel = id ? slack.workspace.channel(id) : undefined;
  if (!channel) throw new SlackApiError('channel_not_found');
  const needed = channel.is_im
    ? 'im:history'
    : channel.is_mpim
      ? 'mpim:history'
      : channel.is_private
        ? 'groups:history'
        : 'channels:history';
  if (!slack.scopes.has(needed)) {
    throw new SlackApiError('missing_scope', { needed, provided: [...slack.scopes].join(',') });
  }
  if (!channel.members.includes(slack.botUserId)) {
    throw new SlackApiError(channel.is_private ? 'channel_not_found' : 'not_in_channel');
  }
  return channel;
}
