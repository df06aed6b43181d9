import { SlackApiError } from '../errors.ts';
import { flag, str } from '../http-args.ts';
import { paginate } from '../paginate.ts';
import { userJson } from '../shapes.ts';
import type { Json } from '../types.ts';
import type { MethodCall, MethodSpec } from './method.ts';

export const userMethods: Record<string, MethodSpec> = {
  'auth.test': { handler: authTest },
  'users.info': { scope: 'users:read', handler: info },
  'users.list': { scope: 'users:read', handler: list },
};

function authTest({ slack }: MethodCall): Json {
  const bot = slack.workspace.user(slack.botUserId);
  return {
    url: `https://${slack.teamDomain}.slack.com/`,
    team: slack.teamDomain,
    user: bot?.name ?? 'bot',
    team_id: slack.teamId,
    user_id: slack.botUserId,
    bot_id: slack.botId,
    is_enterprise_install: false,
  };
}

function info({ args, slack }: MethodCall): Json {
  const id = str(args, 'user');
  const user = id ? slack.workspace.user(id) : undefined;
  if (!user) throw new SlackApiError('user_not_found');
  return { user: userJson(user, flag(args, 'include_locale')) };
}

function list({ args, slack }: MethodCall): Json {
  const { page, next_cursor } = paginate(slack.workspace.users(), args, 1000);
  const withLocale = flag(args, 'include_locale');
  return {
    members: page.map((u) => userJson(u, withLocale)),
    cache_ts: slack.ids.seconds(),
    response_metadata: { next_cursor },
  };
}
