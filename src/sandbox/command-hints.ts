import { subcommandTexts } from '../features.ts';

export interface CommandHint {
  /** `/order new`, `/order show SO-…`… as the composer offers them. */
  usage: string;
  summary: string;
  example: string;
}

/**
 * The composer's usage hints, read from the subcommands' words `/order help` shows, so the page
 * never offers a command the bot does not have. Nothing is built or run to read them.
 */
export function commandHints(): CommandHint[] {
  const help = { usage: '/order help', summary: 'every command, with an example', example: '/order help' };
  return [
    help,
    ...subcommandTexts.map((s) => ({ usage: `/order ${s.usage}`, summary: s.summary, example: s.example })),
  ];
}
