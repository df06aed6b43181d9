import type { WebClient } from '@slack/web-api';
import type { Actor } from '../auth/roles.ts';
import type { Block } from '../blocks/block-kit.ts';

/** What a subcommand answers with: text, and blocks when it needs more than a line. */
export interface Reply {
  text: string;
  blocks?: Block[];
}

export interface CommandRequest {
  /** The words after the subcommand, unescaped. */
  args: string;
  userId: string;
  channelId: string;
  triggerId: string;
  client: WebClient;
  /** Who is acting; loaded on first use, so commands that need nobody cost no query. */
  actor(): Promise<Actor>;
  /** Answers the person privately. The first reply rides on the acknowledgement. */
  reply(reply: Reply): Promise<void>;
  /** Acknowledges now, empty, before slower work (opening a modal); later replies still reach the person. */
  acknowledge(): Promise<void>;
}

/**
 * What a person reads about a `/order <name> …` subcommand, in `/order help` and the sandbox's
 * hints. Kept as data apart from its handler, so it is read without building a feature.
 */
export interface SubcommandText {
  name: string;
  usage: string;
  example: string;
  summary: string;
  /** The first words it tells apart when they are allowed different people: `add`, `edit`, `show`. */
  verbs?: readonly string[];
}

/** One `/order <name> …` subcommand, registered by the feature that owns it. */
export interface Subcommand extends SubcommandText {
  run(request: CommandRequest): Promise<void>;
}

/** A feature's subcommands' words, by name, in the order `/order help` lists them. */
export type SubcommandTexts<Name extends string = string> = Record<Name, Omit<SubcommandText, 'name'>>;

export const textsOf = (texts: SubcommandTexts): SubcommandText[] =>
  Object.entries(texts).map(([name, text]) => ({ name, ...text }));

/** A feature's subcommands: each one's words, and the handler of the same name. */
export function subcommandsOf<Name extends string>(
  texts: SubcommandTexts<Name>,
  runs: Record<Name, Subcommand['run']>,
): Subcommand[] {
  return textsOf(texts).map((text) => ({ ...text, run: runs[text.name as Name] }));
}
