import { eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/client.ts';
import { deskChannels, holidays } from '../db/schema.ts';

/** The file's holidays replace the stored ones (null leaves them); returns how many there are now. */
export async function replaceHolidays(
  tx: Tx,
  list: readonly { date: string; name: string }[] | null,
): Promise<number | null> {
  if (list === null) return null;
  await tx.delete(holidays);
  if (list.length) await tx.insert(holidays).values([...list]);
  return list.length;
}

/**
 * Records the desk's own channels by purpose. A channel the workspace was not asked about keeps
 * the id it had when its name is unchanged; a new name without a lookup has no id yet.
 */
export async function setDeskChannels(
  tx: Tx,
  named: Readonly<Record<string, string | undefined>>,
  lookedUp: ReadonlyMap<string, string> | null,
): Promise<void> {
  const rows = Object.entries(named).flatMap(([purpose, channelName]) =>
    channelName ? [{ purpose, channelName, channelId: lookedUp?.get(channelName) ?? null }] : [],
  );
  if (!rows.length) return;
  await tx
    .insert(deskChannels)
    .values(rows)
    .onConflictDoUpdate({
      target: deskChannels.purpose,
      set: {
        channelName: sql`excluded.channel_name`,
        channelId: sql`case when excluded.channel_id is not null then excluded.channel_id
          when ${deskChannels.channelName} = excluded.channel_name then ${deskChannels.channelId} end`,
      },
    });
}

/** The stored holidays, for the business calendar. */
export async function loadHolidays(db: DbOrTx): Promise<string[]> {
  const rows = await db.select({ date: holidays.date }).from(holidays).orderBy(holidays.date);
  return rows.map((r) => r.date);
}

/** The channel id stored for a purpose, if the workspace has told us one. */
export async function deskChannel(db: DbOrTx, purpose: string): Promise<string | null> {
  const [row] = await db
    .select({ id: deskChannels.channelId })
    .from(deskChannels)
    .where(eq(deskChannels.purpose, purpose));
  return row?.id ?? null;
}

/** Every purpose's channel as stored: the Settings modal shows them and the form starts from them. */
export async function deskChannelIds(db: DbOrTx): Promise<Map<string, string>> {
  const rows = await db.select().from(deskChannels);
  return new Map(rows.flatMap((r) => (r.channelId ? [[r.purpose, r.channelId] as const] : [])));
}

/**
 * An admin picks the channel for a purpose in Settings (null: none). Its name is kept with it,
 * so a setup file naming the same channel later keeps the id.
 */
export async function pickDeskChannel(
  tx: Tx,
  purpose: string,
  channel: { id: string; name: string } | null,
): Promise<void> {
  if (!channel) {
    await tx.delete(deskChannels).where(eq(deskChannels.purpose, purpose));
    return;
  }
  await tx
    .insert(deskChannels)
    .values({ purpose, channelName: channel.name, channelId: channel.id })
    .onConflictDoUpdate({
      target: deskChannels.purpose,
      set: { channelName: channel.name, channelId: channel.id },
    });
}
