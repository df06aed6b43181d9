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

/** One `/order <name> …` subcommand, registered by the feature that owns it. */
export interface Subcommand {
  name: string;
  usage: string;
  example: string;
  summary: string;
  /** The first words it tells apart when they are allowed different people: `add`, `edit`, `show`. */
  verbs?: readonly string[];
  run(request: CommandRequest): Promise<void>;
}
