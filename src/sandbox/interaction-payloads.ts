import type { Clock } from '../clock.ts';
import type { FakeSlack, FakeView, Json } from './fake-slack/index.ts';
import { elementsOf } from './view-state.ts';

/**
 * Builders for what Slack sends the bot, in the shapes of the inbound payloads that Slack's own
 * SDKs (bolt-js, bolt-python, java-slack-sdk) keep as test fixtures.
 * Ids, names and teams come from the fake, so a payload always matches what the fake holds.
 */

export interface PayloadContext {
  slack: FakeSlack;
  clock: Clock;
  /** The legacy verification token Slack still puts in payloads. */
  token: string;
}

/** The fields every interaction payload starts with. `user.team_id` is the user's own team. */
export function interactionBase(ctx: PayloadContext, type: string, userId: string): Json {
  const user = ctx.slack.workspace.user(userId);
  if (!user) throw new Error(`fake Slack has no user ${userId}; add it with slack.addUser()`);
  return {
    type,
    team: { id: ctx.slack.teamId, domain: ctx.slack.teamDomain },
    user: { id: user.id, username: user.name, name: user.name, team_id: user.team_id },
    api_app_id: ctx.slack.appId,
    token: ctx.token,
    enterprise: null,
    is_enterprise_install: false,
  };
}

export function channelRef(slack: FakeSlack, channelId: string): Json {
  const channel = slack.workspace.channel(channelId);
  return { id: channelId, name: channel?.is_im ? 'directmessage' : (channel?.name ?? '') };
}

/** Slack's `action_ts` / `event_ts`: the clock in seconds with microseconds. */
export function slackTs(clock: Clock): string {
  return (clock.now().getTime() / 1000).toFixed(6);
}

export function buttonAction(ctx: PayloadContext, button: Json, blockId: string, value?: string): Json {
  return {
    action_id: button.action_id,
    block_id: blockId,
    text: button.text,
    value: value ?? button.value,
    ...(button.style ? { style: button.style } : {}),
    type: 'button',
    action_ts: slackTs(ctx.clock),
  };
}

export function slashCommandFields(
  ctx: PayloadContext,
  userId: string,
  command: { channel: string; command: string; text: string; responseUrl: string; triggerId: string },
): Record<string, string> {
  const user = ctx.slack.workspace.user(userId);
  if (!user) throw new Error(`fake Slack has no user ${userId}; add it with slack.addUser()`);
  return {
    token: ctx.token,
    // The invoking person's workspace: a guest from another organisation brings their own.
    team_id: user.team_id || ctx.slack.teamId,
    team_domain: ctx.slack.teamDomain,
    channel_id: command.channel,
    channel_name: String(channelRef(ctx.slack, command.channel).name),
    user_id: user.id,
    user_name: user.name,
    command: command.command,
    text: command.text,
    api_app_id: ctx.slack.appId,
    is_enterprise_install: 'false',
    response_url: command.responseUrl,
    trigger_id: command.triggerId,
  };
}

/**
 * `response_urls` of a view_submission: one per conversations_select / channels_select input
 * with `response_url_enabled`, for the conversation the user picked.
 */
export function submissionResponseUrls(slack: FakeSlack, userId: string, view: FakeView): Json[] {
  const urls: Json[] = [];
  for (const { block_id, blockType, element } of elementsOf(view.blocks)) {
    if (blockType !== 'input' || element.response_url_enabled !== true) continue;
    const state = view.state.values[block_id]?.[String(element.action_id)];
    const channel = state?.selected_conversation ?? state?.selected_channel;
    if (typeof channel !== 'string') continue;
    const response_url = slack.issueResponseUrl({ channel, user: userId });
    urls.push({ block_id, action_id: element.action_id, channel_id: channel, response_url });
  }
  return urls;
}

export function eventCallback(ctx: PayloadContext, event: Json, eventId: string): Json {
  const { slack, clock } = ctx;
  return {
    token: ctx.token,
    team_id: slack.teamId,
    api_app_id: slack.appId,
    event: { event_ts: slackTs(clock), ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(clock.now().getTime() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: slack.teamId,
        user_id: slack.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}
