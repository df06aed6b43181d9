import { eq } from 'drizzle-orm';
import type { DbOrTx } from './client.ts';
import { workspaceChannels } from './schema.ts';

export type ChannelPurpose = (typeof workspaceChannels.$inferSelect)['purpose'];

/** The channel set for a purpose (the setup file's `channels`, or /order setup), if any. */
export async function workspaceChannel(db: DbOrTx, purpose: ChannelPurpose): Promise<string | null> {
  const [row] = await db.select().from(workspaceChannels).where(eq(workspaceChannels.purpose, purpose));
  return row?.channelId ?? null;
}

/** Sets (or, with null, forgets) the channel for a purpose. */
export async function setWorkspaceChannel(
  db: DbOrTx,
  purpose: ChannelPurpose,
  channelId: string | null,
): Promise<void> {
  if (!channelId) {
    await db.delete(workspaceChannels).where(eq(workspaceChannels.purpose, purpose));
    return;
  }
  await db
    .insert(workspaceChannels)
    .values({ purpose, channelId })
    .onConflictDoUpdate({ target: workspaceChannels.purpose, set: { channelId } });
}
