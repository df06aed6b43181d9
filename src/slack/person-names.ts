import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { eq } from 'drizzle-orm';
import { escapeMrkdwn } from '../blocks/block-kit.ts';
import type { DbOrTx } from '../db/client.ts';
import { people } from '../db/schema.ts';

const userMention = /<@([UW][A-Z0-9]{2,})>/g;

/**
 * Modals do not render `<@U…>` mentions (they show the raw id), so text meant for a modal names
 * people instead: the name on record in the people table, else Slack's real name from
 * `users.info`, kept for the life of the bot since it rarely changes and a modal's answer has
 * only 3 s. Someone Slack does not know keeps their id.
 */
export class PersonNames {
  readonly #fromSlack = new Map<string, string>();

  constructor(
    private readonly db: DbOrTx,
    private readonly logger: Logger,
  ) {}

  /** `text` with each user mention replaced by the person's name. */
  async inModal(text: string, client: WebClient): Promise<string> {
    const ids = [...new Set([...text.matchAll(userMention)].map((m) => m[1] ?? ''))];
    if (!ids.length) return text;
    const names = new Map(
      await Promise.all(ids.map(async (id) => [id, await this.nameOf(id, client)] as const)),
    );
    return text.replace(userMention, (whole, id: string) => names.get(id) ?? whole);
  }

  /** A modal with every user mention in its text replaced by the person's name, escaped for mrkdwn. */
  async inView<T>(view: T, client: WebClient): Promise<T> {
    const json = JSON.stringify(view);
    const ids = [...new Set([...json.matchAll(userMention)].map((m) => m[1] ?? ''))];
    if (!ids.length) return view;
    const names = new Map(
      await Promise.all(
        ids.map(
          async (id) =>
            [id, JSON.stringify(escapeMrkdwn(await this.nameOf(id, client))).slice(1, -1)] as const,
        ),
      ),
    );
    return JSON.parse(json.replace(userMention, (whole, id: string) => names.get(id) ?? whole)) as T;
  }

  /** Every message of a modal's `response_action: errors`, named. */
  async errorsInModal(errors: Record<string, string>, client: WebClient): Promise<Record<string, string>> {
    const named = await Promise.all(
      Object.entries(errors).map(async ([block, text]) => [block, await this.inModal(text, client)] as const),
    );
    return Object.fromEntries(named);
  }

  async nameOf(userId: string, client: WebClient): Promise<string> {
    const [person] = await this.db
      .select({ name: people.name })
      .from(people)
      .where(eq(people.slackUserId, userId));
    if (person?.name) return person.name;
    const known = this.#fromSlack.get(userId);
    if (known) return known;
    try {
      const { user } = await client.users.info({ user: userId });
      const name = user?.real_name || user?.profile?.display_name || user?.name;
      if (!name) return userId;
      this.#fromSlack.set(userId, name);
      return name;
    } catch (error) {
      this.logger.warn('a person’s name could not be looked up for a modal', error);
      return userId;
    }
  }
}
