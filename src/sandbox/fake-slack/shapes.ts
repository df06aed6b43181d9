import type { FakeChannel, FakeUser, Json } from './types.ts';

/** Records in the JSON shapes of Slack's responses (web_api/responses/*.json in the fixtures). */

export function conversationJson(channel: FakeChannel, botUserId: string): Json {
  if (channel.is_im) {
    return {
      id: channel.id,
      created: channel.created,
      is_archived: channel.is_archived,
      is_im: true,
      is_org_shared: false,
      user: channel.members.find((m) => m !== botUserId),
      is_user_deleted: false,
      priority: 0,
    };
  }
  const group = channel.is_private && !channel.is_mpim;
  return {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.is_private,
    is_group: group,
    is_im: false,
    is_mpim: channel.is_mpim,
    is_private: channel.is_private,
    created: channel.created,
    is_archived: channel.is_archived,
    is_general: false,
    unlinked: 0,
    name_normalized: channel.name,
    is_shared: false,
    is_org_shared: false,
    is_ext_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    creator: channel.creator,
    is_member: channel.members.includes(botUserId),
    topic: { value: channel.topic, creator: '', last_set: 0 },
    purpose: { value: channel.purpose, creator: '', last_set: 0 },
    previous_names: [],
    num_members: channel.members.length,
  };
}

export function userJson(user: FakeUser, withLocale: boolean): Json {
  const { locale, email, ...rest } = user;
  return {
    ...rest,
    color: '9f69e7',
    profile: {
      real_name: user.real_name,
      real_name_normalized: user.real_name,
      display_name: user.name,
      display_name_normalized: user.name,
      ...(email ? { email } : {}),
      team: user.team_id,
    },
    is_admin: false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_app_user: false,
    updated: 0,
    ...(withLocale ? { locale } : {}),
  };
}
