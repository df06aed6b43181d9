import type { Actor } from '../auth/roles.ts';
import { splitFirstWord, unescapeSlack } from './command-text.ts';
import { didYouMean } from './did-you-mean.ts';
import { renderHelp, unknownSubcommandPreface } from './help.ts';
import { preparedAnswer } from './prepared-answer.ts';
import { replyForError } from './reply-for-error.ts';
import type { CommandArgs, SlackRouter } from './router.ts';
import type { CommandRequest, Reply, Subcommand, SubcommandText } from './subcommand.ts';

export interface OrderCommandDeps {
  subcommands: readonly Subcommand[];
  /** What `/order help` lists: the subcommands' words as data, in the order shown. */
  help: readonly SubcommandText[];
  loadActor(who: { userId: string; teamId: string | null | undefined }): Promise<Actor>;
  /** Called after each command, so effects written by it are sent without waiting for a poll. */
  afterCommand(): void;
}

/**
 * Routes `/order <subcommand> …`. Every path acknowledges: with the first reply when there is
 * one (it travels in the HTTP response, the fastest answer Slack can show), or empty.
 */
const commandAckBudgetMs = 2200;

export function registerOrderCommand(router: SlackRouter, deps: OrderCommandDeps): void {
  const byName = new Map(deps.subcommands.map((s) => [s.name, s]));
  const names = deps.help.map((s) => s.name);
  const unlisted = [...byName.keys()].filter((name) => !names.includes(name));
  const unrun = names.filter((name) => !byName.has(name));
  if (unlisted.length || unrun.length) {
    throw new Error(
      `/order help and the subcommands differ: unlisted ${unlisted.join(', ')}; not run ${unrun.join(', ')}`,
    );
  }
  // Built once: `/order help` is the most frequent command and its answer never changes.
  const help = preparedAnswer({ response_type: 'ephemeral' as const, ...renderHelp(deps.help) });

  router.subcommands(
    '/order',
    deps.subcommands.flatMap((s) => (s.verbs ?? ['']).map((verb) => `${s.name} ${verb}`.trim())),
  );
  router.command('/order', async (args: CommandArgs) => {
    const { command, ack, respond, client, logger } = args;
    const [word, rest] = splitFirstWord(unescapeSlack(command.text ?? ''));
    const name = word.toLowerCase();
    if (name === '' || name === 'help') {
      await ack(help);
      return;
    }
    const subcommand = byName.get(name);
    if (!subcommand) {
      const preface = unknownSubcommandPreface(word, didYouMean(name, names));
      await ack({ response_type: 'ephemeral', ...renderHelp(deps.help, preface) });
      return;
    }

    let acked = false;
    let actor: Promise<Actor> | null = null;
    const reply = async (r: Reply) => {
      if (acked) {
        await respond({ response_type: 'ephemeral', ...r });
        return;
      }
      acked = true;
      await ack({ response_type: 'ephemeral', ...r });
    };
    const request: CommandRequest = {
      args: rest,
      userId: command.user_id,
      channelId: command.channel_id,
      triggerId: command.trigger_id,
      client,
      actor: () => {
        actor ??= deps.loadActor({ userId: command.user_id, teamId: command.team_id });
        return actor;
      },
      reply,
      async acknowledge() {
        if (acked) return;
        acked = true;
        await ack();
      },
    };
    // Slack shows an error after 3 s without an answer: a command still busy by then (a slow
    // database) is acknowledged empty, and its reply goes through response_url.
    const ackAnyway = setTimeout(() => {
      request.acknowledge().catch((e: unknown) => logger.warn('could not acknowledge in time', e));
    }, commandAckBudgetMs);
    try {
      await subcommand.run(request);
    } catch (error) {
      await reply(replyForError(error, logger)).catch((e) => logger.error('could not tell the user', e));
    } finally {
      clearTimeout(ackAnyway);
      if (!acked) await ack();
      deps.afterCommand();
    }
  });
}
