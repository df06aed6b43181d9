import type { Logger } from '@slack/bolt';
import type { UseCaseContext } from '../context.ts';
import { slackFeatures } from '../features.ts';

export interface CommandHint {
  /** `/order new`, `/order show SO-…`… as the composer offers them. */
  usage: string;
  summary: string;
  example: string;
}

/**
 * The composer's usage hints, read from the same subcommand list `/order help` is built from,
 * so the page never offers a command the bot does not have. The features are built only to
 * read their names; nothing here runs them.
 */
export function commandHints(ctx: UseCaseContext, logger: Logger): CommandHint[] {
  const features = slackFeatures({
    ctx,
    logger,
    loadActor: () => Promise.reject(new Error('command hints never run a command')),
    afterWrite: () => {},
  });
  const help = { usage: '/order help', summary: 'every command, with an example', example: '/order help' };
  return [
    help,
    ...features
      .flatMap((f) => f.subcommands ?? [])
      .map((s) => ({ usage: `/order ${s.usage}`, summary: s.summary, example: s.example })),
  ];
}
