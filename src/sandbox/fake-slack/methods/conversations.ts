import { SlackApiError } from '../errors.ts';
import { flag, str } from '../http-args.ts';
import { paginate } from '../paginate.ts';
import { conversationJson } from '../shapes.ts';
import type { SlackState } from '../slack-state.ts';
import type { FakeChannel, Json } from '../types.ts';
import type { MethodCall, MethodSpec } from './method.ts';

export const conversationMethods: Record<string, MethodSpec> = {
  'conversations.open': { scope: 'im:write', handler: open },
  'conversations.list': { scope: 'channels:read', handler: list },
  'conversations.info': { scope: 'channels:read', handler: info },
  'conversations.join': { scope: 'channels:join', handler: join },
  'conversations.members': { scope: 'channels:read', handler: members },
};

function open({ args, slack }: MethodCall): Json {
  const raw = args.users;
  const users = (Array.isArray(raw) ? raw.map(String) : (str(args, 'users') ?? '').split(','))
    .map((u) => u.trim())
    .filter(Boolean);
  if (users.length === 0) throw new SlackApiError('users_list_not_supplied');
  for (const id of users) if (!slack.workspace.user(id)) throw new SlackApiError('user_not_found');
  const [only] = users;
  const opened = users.length === 1 && only ? slack.workspace.openIm(only) : slack.workspace.openMpim(users);
  const channel = flag(args, 'return_im')
    ? conversationJson(opened.channel, slack.botUserId)
    : { id: opened.channel.id };
  return { ...(opened.existed ? { no_op: true, already_open: true } : {}), channel };
}

const TYPE_FILTERS: Record<string, (c: FakeChannel, bot: string) => boolean> = {
  public_channel: (c) => !c.is_private,
  private_channel: (c, bot) => c.is_private && !c.is_im && !c.is_mpim && c.members.includes(bot),
  mpim: (c, bot) => c.is_mpim && c.members.includes(bot),
  im: (c) => c.is_im,
};

function list({ args, slack }: MethodCall): Json {
  const types = (str(args, 'types') || 'public_channel').split(',').map((t) => t.trim());
  const filters = types.map((t) => TYPE_FILTERS[t]);
  if (filters.some((f) => f === undefined)) throw new SlackApiError('invalid_types');
  const excludeArchived = flag(args, 'exclude_archived');
  const matching = slack.workspace
    .channels()
    .filter((c) => filters.some((f) => f?.(c, slack.botUserId)))
    .filter((c) => !(excludeArchived && c.is_archived));
  const { page, next_cursor } = paginate(matching, args);
  return {
    channels: page.map((c) => conversationJson(c, slack.botUserId)),
    response_metadata: { next_cursor },
  };
}

function info({ args, slack }: MethodCall): Json {
  return { channel: conversationJson(visibleChannel(slack, args), slack.botUserId) };
}

function join({ args, slack }: MethodCall): Json {
  const channel = visibleChannel(slack, args);
  if (channel.is_private) throw new SlackApiError('method_not_supported_for_channel_type');
  if (channel.is_archived) throw new SlackApiError('is_archived');
  const already = channel.members.includes(slack.botUserId);
  const joined = already ? channel : slack.workspace.setMember(channel.id, slack.botUserId, true);
  const warning = already
    ? { warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } }
    : {};
  return { channel: conversationJson(joined, slack.botUserId), ...warning };
}

function members({ args, slack }: MethodCall): Json {
  const { page, next_cursor } = paginate(visibleChannel(slack, args).members, args);
  return { members: page, response_metadata: { next_cursor } };
}

/** A private conversation the bot is not in does not exist as far as the bot can tell. */
function visibleChannel(slack: SlackState, args: Json): FakeChannel {
  const id = str(args, 'channel');
  const channel = id ? slack.workspace.channel(id) : undefined;
  if (!channel || (channel.is_private && !channel.members.includes(slack.botUserId))) {
    throw new SlackApiError('channel_not_found');
  }
  return channel;
}
