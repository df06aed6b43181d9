import { SlackApiError } from '../errors.ts';
import { requireStr, str } from '../http-args.ts';
import { checkMessageContent, truncationWarning } from '../message-content.ts';
import type { SlackState } from '../slack-state.ts';
import type { FakeChannel, FakeMessage, Json } from '../types.ts';
import type { MessagePatch } from '../workspace.ts';
import type { MethodCall, MethodSpec } from './method.ts';

export const chatMethods: Record<string, MethodSpec> = {
  'chat.postMessage': { scope: 'chat:write', handler: postMessage },
  'chat.update': { scope: 'chat:write', handler: update },
  'chat.postEphemeral': { scope: 'chat:write', handler: postEphemeral },
  'chat.delete': { scope: 'chat:write', handler: remove },
  'chat.getPermalink': { handler: getPermalink },
};

function postMessage({ args, slack }: MethodCall): Json {
  const channel = postableChannel(slack, str(args, 'channel'));
  const content = checkMessageContent(args, slack.ids);
  const message = slack.workspace.post(channel.id, {
    text: content.text,
    ...(content.blocks ? { blocks: content.blocks } : {}),
    ...(content.attachments ? { attachments: content.attachments } : {}),
    ...metadataOf(args),
    ...threadOf(args),
    user: slack.botUserId,
    bot_id: slack.botId,
    app_id: slack.appId,
  });
  return { channel: channel.id, ts: message.ts, message: { ...message }, ...truncationWarning(content) };
}

function update({ args, slack }: MethodCall): Json {
  const { channel, message } = existingMessage(slack, args, 'ts');
  if (message.bot_id !== slack.botId) throw new SlackApiError('cant_update_message');
  const content = checkMessageContent(args, slack.ids);
  // Slack keeps the previous blocks and attachments unless the call passes them (`[]` removes them).
  const patch: MessagePatch = { text: content.text, ...metadataOf(args) };
  if (args.blocks !== undefined) patch.blocks = content.blocks ?? [];
  if (args.attachments !== undefined) patch.attachments = content.attachments ?? [];
  const updated = slack.workspace.update(channel.id, message.ts, patch, slack.botUserId) ?? message;
  return {
    channel: channel.id,
    ts: updated.ts,
    text: updated.text,
    message: { ...updated },
    ...truncationWarning(content),
  };
}

function postEphemeral({ args, slack }: MethodCall): Json {
  const channel = postableChannel(slack, str(args, 'channel'));
  const user = requireStr(args, 'user');
  if (!channel.members.includes(user)) throw new SlackApiError('user_not_in_channel');
  const content = checkMessageContent(args, slack.ids);
  const ephemeral = slack.workspace.postEphemeral({
    channel: channel.id,
    user,
    text: content.text,
    ...(content.blocks ? { blocks: content.blocks } : {}),
    ...threadOf(args),
    source: 'chat.postEphemeral',
  });
  return { message_ts: ephemeral.ts, ...truncationWarning(content) };
}

function remove({ args, slack }: MethodCall): Json {
  const { channel, message } = existingMessage(slack, args, 'ts');
  if (message.bot_id !== slack.botId) throw new SlackApiError('cant_delete_message');
  slack.workspace.remove(channel.id, message.ts);
  return { channel: channel.id, ts: message.ts };
}

function getPermalink({ args, slack }: MethodCall): Json {
  const { channel, message } = existingMessage(slack, args, 'message_ts');
  const base = `https://${slack.teamDomain}.slack.com/archives/${channel.id}/p${message.ts.replace('.', '')}`;
  const isReply = message.thread_ts !== undefined && message.thread_ts !== message.ts;
  const permalink = isReply ? `${base}?thread_ts=${message.thread_ts}&cid=${channel.id}` : base;
  return { channel: channel.id, permalink };
}

/**
 * Where the bot may post. A user id means the bot's DM with that user. Private conversations
 * need the bot inside; public ones too unless the app has `chat:write.public`.
 */
export function postableChannel(slack: SlackState, id: string | undefined): FakeChannel {
  const asUser = id && slack.workspace.user(id) ? slack.workspace.openIm(id).channel : undefined;
  const channel = asUser ?? (id ? slack.workspace.findChannel(id) : undefined);
  if (!channel) throw new SlackApiError('channel_not_found');
  if (channel.is_archived) throw new SlackApiError('is_archived');
  const inside = channel.members.includes(slack.botUserId);
  if (!inside && (channel.is_private || !slack.scopes.has('chat:write.public'))) {
    throw new SlackApiError('not_in_channel');
  }
  return channel;
}

function existingMessage(
  slack: SlackState,
  args: Json,
  tsArg: 'ts' | 'message_ts',
): { channel: FakeChannel; message: FakeMessage } {
  const id = str(args, 'channel');
  const channel = id ? slack.workspace.findChannel(id) : undefined;
  if (!channel) throw new SlackApiError('channel_not_found');
  const ts = str(args, tsArg);
  const message = ts ? slack.workspace.message(channel.id, ts) : undefined;
  if (!message) throw new SlackApiError('message_not_found');
  return { channel, message };
}

function metadataOf(args: Json): { metadata?: Json } {
  const metadata = args.metadata;
  if (metadata === undefined) return {};
  if (
    typeof metadata !== 'object' ||
    metadata === null ||
    typeof (metadata as Json).event_type !== 'string'
  ) {
    throw new SlackApiError('invalid_metadata_format');
  }
  return { metadata: metadata as Json };
}

function threadOf(args: Json): { thread_ts?: string } {
  const threadTs = str(args, 'thread_ts');
  return threadTs ? { thread_ts: threadTs } : {};
}
