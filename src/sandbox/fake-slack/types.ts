/** The fake's records. Field names follow Slack's JSON so records can be returned as they are. */

export type Json = Record<string, unknown>;

export interface FakeUser {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  tz: string;
  tz_label: string;
  tz_offset: number;
  locale: string;
  is_bot: boolean;
  deleted: boolean;
  email?: string;
}

export type NewUser = Pick<FakeUser, 'id'> & Partial<FakeUser>;

export interface FakeChannel {
  id: string;
  name: string;
  is_private: boolean;
  is_archived: boolean;
  is_im: boolean;
  is_mpim: boolean;
  /** Includes the bot's user id when the bot is in the channel. */
  members: string[];
  created: number;
  creator: string;
  topic: string;
  purpose: string;
}

export interface NewChannel {
  id?: string;
  name: string;
  is_private?: boolean;
  is_archived?: boolean;
  members?: string[];
  /** Whether the bot is in the channel (Slack's `is_member`, seen from the bot). */
  is_member?: boolean;
  topic?: string;
  purpose?: string;
}

/** What a post says: the fields a caller gives; Slack adds the rest. */
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

export interface FakeMessage extends MessageInput {
  type: 'message';
  ts: string;
  team: string;
  reply_count?: number;
  reply_users?: string[];
  reply_users_count?: number;
  latest_reply?: string;
  edited?: { user: string; ts: string };
}

/** Where an ephemeral came from, so a test can tell a `respond()` from a `chat.postEphemeral`. */
export type EphemeralSource = 'chat.postEphemeral' | 'response_url' | 'command_ack';

export interface FakeEphemeral {
  channel: string;
  user: string;
  ts: string;
  text: string;
  blocks?: Json[];
  thread_ts?: string;
  source: EphemeralSource;
}

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface FakeView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  title: PlainText | null;
  submit: PlainText | null;
  close: PlainText | null;
  blocks: Json[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: Record<string, Record<string, Json>> };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  root_view_id: string;
  previous_view_id: string | null;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
}

export interface CallRecord {
  method: string;
  /** Arguments after form/JSON decoding, without the token. */
  args: Json;
  at: Date;
}

/** What changed; the sandbox page re-renders from these. */
export type FakeSlackChange =
  | { kind: 'call'; call: CallRecord }
  | { kind: 'user'; user: FakeUser }
  | { kind: 'channel'; channel: FakeChannel }
  | { kind: 'message'; action: 'posted' | 'updated' | 'deleted'; channel: string; message: FakeMessage }
  | { kind: 'ephemeral'; action: 'posted' | 'replaced' | 'deleted'; ephemeral: FakeEphemeral }
  | {
      kind: 'view';
      action: 'opened' | 'pushed' | 'updated' | 'closed' | 'published' | 'errors';
      user: string;
      view: FakeView;
    };
