import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Logger } from '@slack/bolt';
import { z } from 'zod';
import type { FakeMessage, FakeSlack } from './fake-slack/index.ts';

/**
 * The sandbox's channels and DMs, kept in a file beside the embedded database, so a restart
 * shows the cards and threads of the orders the database still has (and the bot can update
 * them). DMs are kept by person: the fake gives them new ids each run. Ephemeral messages and
 * open modals are not kept, as a Slack client does not keep them either.
 */

const saved = z.object({
  version: z.literal(1),
  conversations: z.array(
    z.object({
      channel: z.string().nullable(),
      /** For a DM with the bot: whose it is. */
      dmWith: z.string().nullable(),
      messages: z.array(z.custom<FakeMessage>((m) => typeof m === 'object' && m !== null && 'ts' in m)),
    }),
  ),
});

export async function saveWorkspace(slack: FakeSlack, file: string): Promise<void> {
  const conversations = slack.workspace
    .channels()
    .map((c) => ({
      channel: c.is_im ? null : c.id,
      dmWith: c.is_im ? (c.members.find((m) => m !== slack.botUserId) ?? null) : null,
      messages: slack.messages(c.id),
    }))
    .filter((c) => c.messages.length > 0);
  const partial = `${file}.${process.pid}`;
  await writeFile(partial, JSON.stringify({ version: 1, conversations }));
  // Renamed into place, so a crash while writing never leaves half a file.
  await rename(partial, file);
}

/** Puts the kept messages back; without a file (a first start, a reset) the workspace stays empty. */
export async function restoreWorkspace(
  slack: FakeSlack,
  file: string,
  warn: (message: string) => void,
): Promise<void> {
  const raw = await readFile(file, 'utf8').catch(() => null);
  if (raw === null) return;
  let parsed: z.infer<typeof saved>;
  try {
    parsed = saved.parse(JSON.parse(raw));
  } catch (error) {
    warn(`the sandbox's channels in ${file} could not be read, so they start empty: ${String(error)}`);
    return;
  }
  for (const kept of parsed.conversations) {
    const channel = kept.dmWith
      ? slack.workspace.user(kept.dmWith) && slack.workspace.openIm(kept.dmWith).channel
      : kept.channel && slack.workspace.channel(kept.channel);
    if (channel) slack.workspace.restoreMessages(channel.id, kept.messages);
  }
}

/** How long after the last change the channels are written down, so a crash loses little. */
const saveAfterMs = 1000;

/**
 * Keeps one run's channels: `restore` puts the last run's back and from then on writes them
 * down a moment after each change; `save` writes them now (when the sandbox stops).
 */
export function keepWorkspace(slack: FakeSlack, file: string, logger: Logger) {
  let timer: NodeJS.Timeout | null = null;
  // One write at a time: a timed save and the final one share the temporary file.
  let writing = Promise.resolve();
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    writing = writing.then(() =>
      saveWorkspace(slack, file).catch((error: unknown) =>
        logger.warn(`the sandbox's channels could not be saved to ${file}`, error),
      ),
    );
    return writing;
  };
  return {
    async restore() {
      await restoreWorkspace(slack, file, (message) => logger.warn(message));
      slack.on('change', (change) => {
        if (change.kind !== 'message' || timer) return;
        timer = setTimeout(save, saveAfterMs);
      });
    },
    save,
  };
}
