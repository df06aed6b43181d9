import { z } from 'zod';
import type { Sandbox } from '../sandbox.ts';
import type { DriverResponse } from '../slack-driver.ts';
import {
  actionRequest,
  closeRequest,
  commandRequest,
  dismissRequest,
  submitRequest,
  suggestRequest,
  userRequest,
} from './api-requests.ts';
import { escapeTypedText } from './command-text.ts';

export interface ApiReply {
  status: number;
  body: unknown;
}

type Handler = (sandbox: Sandbox, body: unknown) => Promise<ApiReply>;

/** A request the page made that cannot be carried out as asked: shown to the person as it is. */
export class PageRequestError extends Error {}

/**
 * The page's POST requests. Each one is what a person does in a Slack client, sent to the bot
 * through the SlackDriver exactly as Slack would send it; the answer carries `problems` when
 * Slack would have shown an error instead of the bot's answer.
 */
export const postHandlers: Record<string, Handler> = {
  async command(sandbox, body) {
    const { user, channel, text } = commandRequest.parse(body);
    const { slack, driver } = await sandbox.world();
    const [command = '', ...rest] = text.trim().split(/\s+/);
    if (!command.startsWith('/')) {
      slack.postAsUser(user, channel, escapeTypedText(slack, text));
      return done([]);
    }
    if (command !== '/order') {
      throw new PageRequestError(`${command} is not a valid command. In the sandbox, only /order is.`);
    }
    const sent = await driver.command(user, escapeTypedText(slack, rest.join(' ')), { channel });
    return done(sent.problems);
  },

  async action(sandbox, body) {
    const { user, where, ...act } = actionRequest.parse(body);
    const { slack, driver } = await sandbox.world();
    if ('ephemeral' in where) {
      const ephemeral = slack.workspace.ephemerals({ user }).find((e) => e.ts === where.ephemeral);
      if (!ephemeral) throw new PageRequestError('That message is gone.');
      return answered(await driver.act(user, { ...act, ephemeral }));
    }
    return answered(await driver.act(user, { ...act, ...where }));
  },

  async suggest(sandbox, body) {
    const { user, view, block_id, action_id, value } = suggestRequest.parse(body);
    const { driver } = await sandbox.world();
    const res = await driver.suggest(user, view, action_id, block_id, value);
    const options = z
      .object({ options: z.array(z.unknown()).optional(), option_groups: z.array(z.unknown()).optional() })
      .safeParse(res.body);
    if (res.status !== 200 || !options.success) {
      return {
        status: 200,
        body: { ok: true, options: [], problems: [`the bot answered HTTP ${res.status}`] },
      };
    }
    return { status: 200, body: { ok: true, ...options.data } };
  },

  async submit(sandbox, body) {
    const { user, view, values } = submitRequest.parse(body);
    const { driver } = await sandbox.world();
    return done((await driver.submitView(user, view, values ?? {})).problems);
  },

  async close(sandbox, body) {
    const { user, view, clear } = closeRequest.parse(body);
    const { driver } = await sandbox.world();
    const res = await driver.closeView(user, view, { clear: clear ?? false });
    return res ? answered(res) : done([]);
  },

  async home(sandbox, body) {
    const { user } = userRequest.parse(body);
    const { driver } = await sandbox.world();
    return answered(await driver.appHomeOpened(user));
  },

  async dismiss(sandbox, body) {
    const { user, ts } = dismissRequest.parse(body);
    const { slack } = await sandbox.world();
    if (slack.workspace.ephemerals({ user }).some((e) => e.ts === ts)) slack.workspace.deleteEphemeral(ts);
    return done([]);
  },

  async reset(sandbox) {
    await sandbox.reset();
    return done([]);
  },
};

function done(problems: string[]): ApiReply {
  return { status: 200, body: { ok: true, problems } };
}

/** Slack shows "failed with the error …" when the bot answers anything but 200 in time. */
function answered(res: DriverResponse): ApiReply {
  if (res.status !== 200) return done([`the bot answered HTTP ${res.status}`]);
  if (res.ms > 3000) return done([`operation_timeout: the bot took ${Math.round(res.ms)} ms to answer`]);
  return done([]);
}
