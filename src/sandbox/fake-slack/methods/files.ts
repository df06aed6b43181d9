import { invalidArguments, SlackApiError } from '../errors.ts';
import { MAX_FILE_BYTES } from '../file-store.ts';
import { int, requireStr, str } from '../http-args.ts';
import type { Json } from '../types.ts';
import { postableChannel } from './chat.ts';
import type { MethodCall, MethodSpec } from './method.ts';

/** The two-step upload that replaced files.upload. */
export const fileMethods: Record<string, MethodSpec> = {
  'files.getUploadURLExternal': { scope: 'files:write', handler: getUploadUrl },
  'files.completeUploadExternal': { scope: 'files:write', handler: completeUpload },
};

function getUploadUrl({ args, slack }: MethodCall): Json {
  const filename = requireStr(args, 'filename');
  const length = int(args, 'length');
  if (length === undefined || length <= 0) throw invalidArguments(['length must be a positive whole number']);
  if (length > MAX_FILE_BYTES) throw new SlackApiError('file_too_large');
  const file = slack.files.announce(slack.ids.next('F'), filename, length);
  return { upload_url: `${slack.origin}/upload/${file.id}`, file_id: file.id };
}

function completeUpload({ args, slack }: MethodCall): Json {
  const listed = args.files;
  if (!Array.isArray(listed) || listed.length === 0)
    throw invalidArguments(['files must list at least one file']);
  const files = listed.map((entry) => {
    const item = (entry ?? {}) as Json;
    const file = slack.files.get(str(item, 'id') ?? '');
    if (!file) throw new SlackApiError('file_not_found');
    // Slack refuses to complete what never reached the upload URL.
    if (!file.bytes) throw new SlackApiError('file_upload_not_completed');
    const title = str(item, 'title');
    if (title) file.title = title;
    return file;
  });
  const channelId = str(args, 'channel_id');
  if (channelId) {
    const channel = postableChannel(slack, channelId);
    slack.workspace.post(channel.id, {
      text: str(args, 'initial_comment') ?? '',
      files: files.map((f) => ({ id: f.id, name: f.name, title: f.title ?? f.name, size: f.length })),
      user: slack.botUserId,
      bot_id: slack.botId,
      app_id: slack.appId,
    });
    for (const f of files) f.channels.push(channel.id);
  }
  return { files: files.map((f) => ({ id: f.id, name: f.name, title: f.title ?? f.name, size: f.length })) };
}
